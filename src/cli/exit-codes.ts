/** Exit statuses of the govscore command, documented in docs/cli.md. */
export const ExitCode = {
  ok: 0,
  /** The work ran but failed (a crash, a lost database connection). */
  failure: 1,
  /** The command line is wrong: unknown option, missing argument. */
  usage: 2,
  /** The input is wrong: a bad CSV row, an invalid framework file. Nothing was written. */
  invalidInput: 3,
  /** Something the command needs is not there or refused: database, network, address policy. */
  unavailable: 4,
  /**
   * The command stopped in a state it should never reach: it was still waiting for work that
   * nothing would ever finish (a bug; the message says so, please report it with the command line).
   */
  internal: 5,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that carries the exit status and a bilingual message for the CLI to print. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.failure,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = "CliError";
  }
}
