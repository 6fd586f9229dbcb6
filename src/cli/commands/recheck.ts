import { existsSync } from "node:fs";
import type { Command } from "commander";
import { bi, say } from "../../i18n/bilingual.ts";
import { recheckArchive } from "../../inspect/inspect.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { printJson } from "../output.ts";
import { printSummary } from "./inspect.ts";

export function register(program: Command): void {
  program
    .command("recheck")
    .description("根据 WARC 存档重新计算检查结果，不联网 (recompute reports from a WARC archive, offline)")
    .requiredOption("--warc <dir>", "WARC 目录 (WARC directory)")
    .option("--json", "输出 JSON (JSON report array)")
    .action(async (o: { warc: string; json?: boolean }) => {
      if (!existsSync(o.warc))
        throw new CliError(say(bi(`找不到目录：${o.warc}`, `no such directory: ${o.warc}`)), ExitCode.usage);
      const reports = await recheckArchive(o.warc);
      if (o.json) printJson(reports);
      else printSummary(reports);
    });
}
