#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { VERSION } from "../version.ts";
import { registerFor } from "./commands/index.ts";
import { CliError, ExitCode } from "./exit-codes.ts";
import { exitWhenStranded } from "./stranded.ts";

/** The program with the commands `argv` needs (all of them without `argv`). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command("govscore")
    .description(
      "政府网站与数字政府服务能力评估平台 (evaluation of government websites and digital-government services)",
    )
    .version(VERSION, "-V, --version")
    .showHelpAfterError()
    .exitOverride();
  await registerFor(program, argv);
  return program;
}

/** A reader that went away (`govscore … | head`) is not an error of ours. */
function quietOnClosedPipe(e: NodeJS.ErrnoException): void {
  if (e.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : ExitCode.ok);
  throw e;
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const program = await buildProgram(argv);
  const settled = exitWhenStranded();
  process.stdout.on("error", quietOnClosedPipe);
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === "number" ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`govscore: ${error.message}\n`);
      for (const line of error.details) process.stderr.write(`  ${line}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `govscore: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return ExitCode.failure;
  } finally {
    settled();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("/cli/main.ts")) {
  main().then((code) => {
    process.exitCode = code;
  });
}
