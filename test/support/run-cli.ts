import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { watchTree } from "./process-tree.ts";

const BIN = fileURLToPath(new URL("../../bin/govscore.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from start to exit. */
  ms: number;
  /** Peak RSS of the command's whole process tree (threads and children), MB. */
  peakMb: number;
}

/** Runs the real govscore command in a child process, as a user would. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, CI: "", GOVSCORE_LANG: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const watch = watchTree(child.pid as number);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout, stderr, ms: performance.now() - t0, peakMb: watch.stop() }),
    );
  });
}
