import type { Command } from "commander";
import { CHROMIUM_PATH, chromiumAvailable } from "../a11y/chromium-path.ts";
import { type A11ySettings, defaultA11ySettings } from "../a11y/settings.ts";
import { bi, say } from "../i18n/bilingual.ts";
import { CliError, ExitCode } from "./exit-codes.ts";

export interface A11yFlags {
  /** commander's `--no-a11y` sets this to false. */
  a11y?: boolean;
  browser?: boolean;
  a11ySample?: string;
}

/** `--browser`, `--a11y-sample N`, `--no-a11y` on `govscore inspect`. */
export function addA11yFlags(cmd: Command): Command {
  return cmd
    .option(
      "--browser",
      "另用 Chromium 渲染抽样页面：颜色对比度等需要布局的无障碍规则，读取脚本写入的页脚 (also render sampled pages in Chromium: layout rules such as color contrast, footers written by scripts)",
    )
    .option(
      "--a11y-sample <n>",
      "无障碍检测每个栏目抽取的文章数，默认 3 (articles per column in the accessibility sample; default 3)",
    )
    .option("--no-a11y", "不做无障碍检测 (skip the accessibility checks)");
}

export function a11yFromFlags(o: A11yFlags): A11ySettings | null {
  if (o.a11y === false) {
    if (o.browser)
      throw new CliError(
        say(bi("--browser 与 --no-a11y 不能同时使用", "--browser cannot be combined with --no-a11y")),
        ExitCode.usage,
      );
    return null;
  }
  const s = defaultA11ySettings();
  if (o.a11ySample !== undefined) {
    const n = Number(o.a11ySample);
    if (!Number.isInteger(n) || n < 0)
      throw new CliError(
        say(bi("--a11y-sample 须为非负整数", "--a11y-sample must be a non-negative integer")),
        ExitCode.usage,
      );
    s.articlesPerColumn = n;
  }
  if (o.browser) {
    if (!chromiumAvailable())
      throw new CliError(
        say(
          bi(
            `找不到 Chromium（${CHROMIUM_PATH}）：apt-get install -y chromium fonts-noto-cjk，或设置 GOVSCORE_CHROMIUM`,
            `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk, or set GOVSCORE_CHROMIUM`,
          ),
        ),
        ExitCode.unavailable,
      );
    s.browser = true;
  }
  return s;
}
