import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runCli } from "../support/run-cli.ts";

interface DemoJson {
  evaluation: {
    sites: { bodyId: string; url: string }[];
    inspected: number;
    warcDir: string;
    release: { dir: string; files: number; siteDir: string; pages: number };
    workspace: { tasks: number; runId: number; accounts: { role: string }[] };
    scores: { bodies: { bodyId: string; verdict: string; scores: { total: number | null } }[] };
  };
}

describe("npm start (govscore demo) and the evaluation commands", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "govscore-demo-"));
    env = { GOVSCORE_DATA_DIR: join(dir, "db") };
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("the demo inspects its local sites, keeps WARC evidence and scores them; a second run works too", async () => {
    for (let round = 0; round < 2; round++) {
      const r = await runCli(["demo", "--json", "--no-serve", "--sites", "3"], env);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as DemoJson;
      assert.equal(out.evaluation.inspected, 3);
      assert.deepEqual(
        out.evaluation.scores.bodies.map((b) => b.bodyId),
        ["demo-s0", "demo-s1", "demo-s2"],
      );
      for (const b of out.evaluation.scores.bodies) {
        assert.ok(b.verdict === "合格" || b.verdict === "不合格");
        if (b.verdict === "合格") assert.ok((b.scores.total ?? 0) >= 60);
      }
      const warcs = (await readdir(out.evaluation.warcDir)).filter((f) => /\.warc(\.gz)?$/.test(f));
      assert.ok(warcs.length >= 3, `WARC files: ${warcs.join(", ")}`);
      // The release names every demo site in its tier list.
      const zh = await readFile(join(out.evaluation.release.dir, "release.zh.md"), "utf8");
      for (const s of out.evaluation.sites)
        assert.ok(zh.includes(`演示 ${s.bodyId.slice(5)}）`), `${s.bodyId} in the release`);
      assert.ok(out.evaluation.release.pages > 3);
      // The workspace's evaluation: two experts on every rubric leaf of every body, three left
      // to do; a first scoring run; one account per role.
      const ws = out.evaluation.workspace;
      assert.equal(ws.tasks, 3 * 10 * 2);
      assert.ok(ws.runId > 0);
      assert.deepEqual([...new Set(ws.accounts.map((a) => a.role))].sort(), [
        "admin",
        "evaluator",
        "expert",
        "submitter",
      ]);
    }
    const list = await runCli(["evaluation", "list", "--json"], env);
    assert.equal(list.code, 0, list.stderr);
    const listed = JSON.parse(list.stdout) as { code: string; status: string }[];
    assert.deepEqual(
      listed.map((e) => [e.code, e.status]).sort(),
      [
        ["demo-digital-government", "collecting"],
        ["demo-website-checklist", "published"],
      ],
      "the demo replaces its own evaluations",
    );
  });

  test("evaluation evidence: a bad file is refused with file, line and column, exit 3; a good one is scored", async () => {
    const bad = join(dir, "bad.csv");
    await writeFile(
      bad,
      "body_id,kind,code,value\ndemo-s0,manual,security,是\ndemo-s1,manual,no-such-veto,是\n",
    );
    const r = await runCli(["evaluation", "evidence", "demo-website-checklist", bad], env);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /bad\.csv:3 \[code\]/);
    const good = join(dir, "good.csv");
    await writeFile(good, "body_id,kind,code,value\ndemo-s1,manual,security,是\n");
    const ok = await runCli(["evaluation", "evidence", "demo-website-checklist", good], env);
    assert.equal(ok.code, 0, ok.stderr);
    const scored = await runCli(["evaluation", "score", "demo-website-checklist", "--json"], env);
    assert.equal(scored.code, 0, scored.stderr);
    const bodies = (JSON.parse(scored.stdout) as DemoJson["evaluation"]["scores"]).bodies;
    // Only the good file's judgement counts: the bad file wrote nothing for demo-s0.
    assert.equal(bodies.find((b) => b.bodyId === "demo-s1")?.verdict, "不合格");
    const s0 = await runCli(["evaluation", "score", "demo-website-checklist"], env);
    assert.doesNotMatch(s0.stdout.split("\n").find((l) => l.startsWith("demo-s0")) ?? "", /安全/);
    const unknown = await runCli(["evaluation", "score", "no-such-evaluation"], env);
    assert.equal(unknown.code, 3);

    // The release from the database: verdicts as tiers (the check list's ladder, from its
    // framework), the vetoed body not in the 合格 list.
    const out = join(dir, "release");
    const rel = await runCli(
      [
        "release",
        "--evaluation",
        "demo-website-checklist",
        "--publish-tiers",
        "合格,不合格",
        "--out",
        out,
        "--year",
        "2026",
        "--no-pdf",
      ],
      env,
    );
    assert.equal(rel.code, 0, rel.stderr);
    const zh = await readFile(join(out, "release.zh.md"), "utf8");
    const pass = zh.split("\n").find((l) => l.startsWith("合格档：")) ?? "";
    const fail = zh.split("\n").find((l) => l.startsWith("不合格档：")) ?? "";
    assert.doesNotMatch(pass, /演示 s1）/);
    assert.match(fail, /演示 s1）/);
    const both = await runCli(["release", "--evaluation", "x", "--scores", "y.csv", "--out", out], env);
    assert.equal(both.code, 2);
  });
});
