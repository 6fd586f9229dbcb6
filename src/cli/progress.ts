import { SingleBar } from "cli-progress";

export interface Progress {
  update(done: number, note?: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr when a person is watching (a terminal, not CI or a pipe); otherwise
 * nothing, so that logs and --json output stay clean.
 */
export function startProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!stream.isTTY || process.env.CI || total <= 0) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {value}/{total} {note}`,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0, { note: "" });
  return {
    update(done, note = "") {
      bar.update(done, { note });
    },
    stop() {
      bar.stop();
    },
  };
}
