// Imports go one way: no module reaches itself again through its imports (type-only ones
// included, since they say which layer owns a type), and the engine's lower layers never import
// the layers built on them.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return modules(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

/** Relative imports and re-exports of a module, as absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/g))
    out.push(resolve(dirname(file), m[1] as string));
  for (const m of text.matchAll(/\bimport\(\s*"(\.[^"]+)"\s*\)/g))
    out.push(resolve(dirname(file), m[1] as string));
  return out;
}

const graph = new Map(modules(SRC).map((f) => [f, importsOf(f)]));
const name = (f: string) => relative(SRC, f);

test("the module graph has no cycles", () => {
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      cycles.push([...path.slice(path.indexOf(f)), f].map(name).join(" → "));
      return;
    }
    state.set(f, "open");
    for (const d of graph.get(f) ?? []) if (graph.has(d)) visit(d, [...path, f]);
    state.set(f, "done");
  };
  for (const f of graph.keys()) visit(f, []);
  assert.deepEqual(cycles, []);
});

test("crawl and artifacts import nothing from the layers above them", () => {
  const above = ["inspect", "checks", "a11y", "cli", "evaluations", "server", "jobs", "scoring", "publish"];
  const wrong: string[] = [];
  for (const [f, deps] of graph) {
    const layer = name(f).split("/")[0] as string;
    const forbidden = layer === "artifacts" ? [...above, "crawl"] : layer === "crawl" ? above : [];
    for (const d of deps)
      if (forbidden.includes(name(d).split("/")[0] as string)) wrong.push(`${name(f)} → ${name(d)}`);
  }
  assert.deepEqual(wrong, []);
});

test("what every inspection loads does not import the YAML parser (its dictionaries come as JSON)", () => {
  // Loading and running `yaml` cost each inspecting thread ~150 ms at start-up: runtime/data-file.ts.
  const engine = ["crawl", "artifacts", "checks", "inspect", "links", "encoding"];
  const wrong = [...graph.keys()]
    .filter((f) => engine.includes(name(f).split("/")[0] as string))
    .filter((f) => /(?:^|\n)\s*import\b[^;]*?\bfrom\s+"yaml"/.test(readFileSync(f, "utf8")))
    .map(name);
  assert.deepEqual(wrong, []);
});
