#!/usr/bin/env node
// Compiles src/ to lib/ (same layout, one JavaScript module per TypeScript module, imports
// rewritten from .ts to .js) and copies the data files beside them, so that `govscore` starts
// without transpiling anything. Run by `npm ci` (prepare), `npm start` and `npm test`; bin/govscore.js
// falls back to the sources through tsx whenever lib/ is older than src/.
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { parse as parseYaml } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "lib");
/** Source trees and where each compiles to: src/ keeps its depth, so paths like ../../templates hold. */
const trees = [
  { dir: join(root, "src"), to: "" },
  // The demo serves the fixture sites.
  { dir: join(root, "fixtures"), to: "_fixtures" },
];

function walk(dir) {
  const files = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...walk(p));
    else files.push(p);
  }
  return files;
}

const t0 = performance.now();
const isModule = (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts");
const files = trees.flatMap((t) => walk(t.dir).map((f) => ({ f, t })));
// Built beside and moved into place at the end: a command starting meanwhile sees the old lib/ or
// the new one, never half of one.
const staging = `${out}.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });

/** Where a source file's compiled module lands. */
function outputOf(file) {
  const t = trees.find((x) => file.startsWith(`${x.dir}/`));
  if (!t) throw new Error(`${file} is outside the compiled trees`);
  return join(out, t.to, relative(t.dir, file)).replace(/\.ts$/, ".js");
}

/** Every import stays an import; relative ones point at the compiled module. */
const keepImports = {
  name: "keep-imports",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (a) => {
      if (a.kind === "entry-point") return undefined;
      if (!a.path.startsWith(".")) return { path: a.path, external: true };
      let spec = relative(dirname(outputOf(a.importer)), outputOf(join(dirname(a.importer), a.path)));
      if (!spec.startsWith(".")) spec = `./${spec}`;
      return { path: spec, external: true };
    });
  },
};

for (const t of trees)
  await build({
    entryPoints: files.filter((x) => x.t === t && isModule(x.f)).map((x) => x.f),
    outdir: join(staging, t.to),
    outbase: t.dir,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20.19",
    plugins: [keepImports],
    logLevel: "warning",
    // Stack traces name the source lines.
    sourcemap: "linked",
    sourcesContent: false,
  });

// Data the modules read next to themselves (migrations, built-in frameworks, dictionaries).
for (const { f, t } of files) {
  if (f.endsWith(".ts")) continue;
  const to = join(staging, t.to, relative(t.dir, f));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(f, to);
  // Read at start-up on every thread: a JSON copy spares loading and running the YAML parser
  // (src/runtime/data-file.ts reads it when present).
  if (f.endsWith(".yaml")) writeFileSync(`${to}.json`, JSON.stringify(parseYaml(readFileSync(f, "utf8"))));
}

const newest = Math.max(...files.map((x) => statSync(x.f).mtimeMs));
const counts = Object.fromEntries(
  trees.map((t) => [relative(root, t.dir), files.filter((x) => x.t === t).length]),
);
writeFileSync(join(staging, ".stamp.json"), `${JSON.stringify({ newest, counts })}\n`);
rmSync(out, { recursive: true, force: true });
renameSync(staging, out);
if (!process.argv.includes("--quiet"))
  console.error(
    `lib/: ${files.filter((x) => isModule(x.f)).length} modules compiled in ${Math.round(performance.now() - t0)} ms`,
  );
