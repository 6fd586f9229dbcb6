import { bi, say } from "../i18n/bilingual.ts";
import { ExitCode } from "./exit-codes.ts";

const message = () =>
  `govscore: ${say(
    bi(
      "内部错误：命令在完成之前停止了，它等待的工作没有任何事件能让其完成。这是程序缺陷，请附上命令行报告。",
      "internal error: the command stopped before it finished, waiting for work that nothing would ever finish. This is a bug; please report it with the command line.",
    ),
  )}\n`;

/**
 * Until the returned function is called: if the event loop runs dry (the command still waits, and
 * nothing is left that could ever finish what it waits for), say so and exit with
 * ExitCode.internal. Without this, Node ends such a process with status 13 and says nothing.
 */
export function exitWhenStranded(): () => void {
  const stranded = () => {
    process.stderr.write(message());
    process.exit(ExitCode.internal);
  };
  process.once("beforeExit", stranded);
  return () => process.off("beforeExit", stranded);
}
