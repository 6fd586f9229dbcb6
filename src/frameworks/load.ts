import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import { type Framework, frameworkSchema } from "./schema.ts";

/** A framework file that cannot be used; each problem names the file, the path and the line. */
export class FrameworkError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`框架文件无效 (invalid framework file): ${file}\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "FrameworkError";
  }
}

/** `tree.children[0].weight`: the path as a reader of the YAML would write it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(文档根 document root)";
}

export function parseFramework(text: string, file: string): Framework {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new FrameworkError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${file}:${pos ? `${pos.line}:${pos.col}` : "?"}: YAML 语法错误 (YAML syntax error): ${e.message.split("\n")[0]}`;
      }),
    );
  }
  const result = frameworkSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    // Point at the deepest node that exists in the document (a missing key has no line).
    let line = "";
    for (let k = path.length; k >= 0; k--) {
      const node = doc.getIn(path.slice(0, k) as unknown[], true) as { range?: [number, number] } | undefined;
      if (node?.range) {
        line = `:${lines.linePos(node.range[0]).line}`;
        break;
      }
    }
    return `${file}${line}: ${formatPath(path)}: ${issue.message}`;
  });
  throw new FrameworkError(file, problems);
}

export function loadFramework(file: string): Framework {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new FrameworkError(file, [`无法读取 (cannot read): ${(e as Error).message}`]);
  }
  return parseFramework(text, file);
}

/** Built-in frameworks ship beside this module. */
export function builtinPath(id: string): string {
  return new URL(`./builtin/${id}.yaml`, import.meta.url).pathname;
}
