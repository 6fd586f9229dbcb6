import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runCli } from "../support/run-cli.ts";

const HEADER =
  "kind,body_id,name,short_name,categories,level,division_code,parent_id,url,site_id_code,role,platforms";

describe("govscore command", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "govscore-cli-"));
    env = { GOVSCORE_DATA_DIR: join(dir, "db") };
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("--help lists the subcommands and exits 0; a wrong command line exits 2", async () => {
    const help = await runCli(["--help"], env);
    assert.equal(help.code, 0);
    for (const sub of ["demo", "registry", "db"]) assert.match(help.stdout, new RegExp(`\\b${sub}\\b`));
    const sub = await runCli(["registry", "import", "--help"], env);
    assert.equal(sub.code, 0);
    assert.match(sub.stdout, /--dry-run/);
    assert.equal((await runCli(["no-such-command"], env)).code, 2);
    assert.equal((await runCli(["registry", "import"], env)).code, 2);
  });

  test("import reports a bad row with file, line and column, writes nothing and exits 3; a good file exits 0", async () => {
    const bad = join(dir, "bad.csv");
    await writeFile(
      bad,
      [
        HEADER,
        "body,cn-440300,深圳市人民政府,深圳市,重点城市,prefectural,440300,,,,,",
        "body,cn-x,某地,,区县,county,990000,,,,,",
      ].join("\n"),
    );
    const rejected = await runCli(["registry", "import", bad], { ...env, GOVSCORE_LANG: "en" });
    assert.equal(rejected.code, 3);
    assert.match(rejected.stderr, /bad\.csv:3 \[division_code\]/);
    assert.match(rejected.stdout, /nothing was written/);

    const listed = await runCli(["registry", "list", "--json"], env);
    assert.equal(listed.code, 0);
    assert.deepEqual(JSON.parse(listed.stdout), []);

    const good = join(dir, "good.csv");
    await writeFile(
      good,
      [HEADER, "body,cn-440300,深圳市人民政府,深圳市,重点城市,prefectural,440300,,,,,"].join("\n"),
    );
    const json = await runCli(["registry", "import", good, "--json"], env);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout);
    assert.equal(result.schema, "govscore.registry-import/1");
    assert.equal(result.ok, true);
    assert.deepEqual(result.written.bodies, { inserted: 1, updated: 0, unchanged: 0 });

    const out = join(dir, "out.csv");
    const exported = await runCli(["registry", "export", "-o", out, "--encoding", "gb18030"], env);
    assert.equal(exported.code, 0, exported.stderr);
    const text = new TextDecoder("gb18030").decode(await readFile(out));
    assert.match(text, /^kind,body_id,/);
    assert.match(text, /深圳市人民政府/);
  });

  test("check-code tells current, historical and unknown codes apart", async () => {
    const r = await runCli(["registry", "check-code", "440303", "110103", "990000", "--json"], env);
    assert.equal(r.code, 3);
    assert.deepEqual(
      JSON.parse(r.stdout).map((x: { status: string }) => x.status),
      ["current", "historical", "unknown"],
    );
  });

  test("an unusable database is a clear error with exit 4", async () => {
    const r = await runCli(["db", "info"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /cannot open the database/);
  });
});
