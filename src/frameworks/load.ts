import { readdirSync, readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import { suggestion } from "../i18n/suggest.ts";
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

const BUILTIN = new URL("./builtin/", import.meta.url);

/**
 * The built-in frameworks: `<id>.yaml` (one edition) or `<id>@<edition>.yaml` (several, e.g.
 * cn-website-performance@2019 and @2022), each as `id@edition` where it has editions.
 */
export function builtinFrameworks(): { id: string; edition: string | null }[] {
  return readdirSync(BUILTIN)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => {
      const [id, edition] = f.slice(0, -".yaml".length).split("@") as [string, string | undefined];
      return { id, edition: edition ?? null };
    })
    .sort((a, b) => (a.id === b.id ? cmpEdition(a.edition, b.edition) : a.id < b.id ? -1 : 1));
}

const cmpEdition = (a: string | null, b: string | null) =>
  (a ?? "").localeCompare(b ?? "", "en", { numeric: true });

/**
 * The file of a built-in framework: `id` (its newest edition) or `id@edition`. An id or edition
 * that does not exist is refused with the ones that do, and the one most likely meant.
 */
export function builtinPath(spec: string): string {
  const [id, edition] = spec.split("@") as [string, string | undefined];
  const all = builtinFrameworks();
  const editions = all.filter((f) => f.id === id);
  const file = (e: string | null) => new URL(e === null ? `${id}.yaml` : `${id}@${e}.yaml`, BUILTIN).pathname;
  if (editions.length === 0) {
    const ids = [...new Set(all.map((f) => f.id))];
    const near = suggestion(id, ids);
    throw new FrameworkError(`builtin:${spec}`, [
      `没有内置框架 ${id}${near ? `，是否应为 ${near}？` : ""} (no built-in framework ${id}${near ? `: did you mean ${near}?` : ""}); 内置框架 (built-ins): ${ids.join(", ")}`,
    ]);
  }
  if (edition === undefined) return file((editions.at(-1) as { edition: string | null }).edition);
  const known = editions.map((f) => f.edition).filter((e): e is string => e !== null);
  if (!known.includes(edition))
    throw new FrameworkError(`builtin:${spec}`, [
      `内置框架 ${id} 没有 ${edition} 版 (built-in framework ${id} has no edition ${edition}); 可选版本 (editions): ${known.length ? known.join(", ") : "—"}`,
    ]);
  return file(edition);
}
