import { builtinPath, FrameworkError, loadFramework } from "../frameworks/load.ts";
import type { Framework } from "../frameworks/schema.ts";
import { bi, say } from "../i18n/bilingual.ts";
import { CliError, ExitCode } from "./exit-codes.ts";

/** The file a `--framework` argument names: a path, or `builtin:<id>` for a built-in framework. */
export function frameworkFile(spec: string): string {
  return spec.startsWith("builtin:") ? builtinPath(spec.slice("builtin:".length)) : spec;
}

/** Loads a `--framework` argument; an invalid file is the user's input error (exit 3). */
export function readFrameworkArg(spec: string): Framework {
  try {
    return loadFramework(frameworkFile(spec));
  } catch (e) {
    if (e instanceof FrameworkError)
      throw new CliError(
        say(bi("框架文件无效", "invalid framework file")),
        ExitCode.invalidInput,
        e.problems,
      );
    throw e;
  }
}
