import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { DEMO_EVALUATION } from "../../src/demo/demo-evaluation.ts";
import { DEMO_WORKSPACE } from "../../src/demo/demo-workspace.ts";
import {
  axeViolations,
  browserSkip,
  describeViolations,
  signedIn,
  startWorkspace,
  type Workspace,
} from "./support.ts";

const WS = DEMO_WORKSPACE;

/** Waits until the page has drawn its data (no loading line left). */
async function settled(page: Page): Promise<void> {
  await page.locator("h1").first().waitFor();
  await page.waitForFunction(
    () => !document.body.textContent.includes("正在加载") && !document.body.textContent.includes("Loading…"),
  );
}

async function visit(page: Page, w: Workspace, path: string): Promise<void> {
  await page.goto(`${w.base}${path}`);
  await settled(page);
}

/** A body's total in the latest scoring run, read from the API as the evaluator. */
async function apiTotal(w: Workspace, page: Page, bodyId: string): Promise<number> {
  const r = await page.request.get(`${w.base}/api/evaluations/${WS}/results/${bodyId}`);
  assert.equal(r.status(), 200, await r.text());
  const j = (await r.json()) as { root: string; scores: Record<string, number | null> };
  return j.scores[j.root] ?? Number.NaN;
}

const number = (s: string | null) => Number((s ?? "").replace(/[^\d.-]/g, ""));

describe("the workspace in a browser (Chromium, playwright-core)", { skip: browserSkip }, () => {
  let w: Workspace;
  before(async () => {
    w = await startWorkspace(3);
  });
  after(async () => {
    await w?.close();
  });

  test("an expert signs in, scores an indicator and sees the body's score change", async () => {
    // The experts' tasks as the evaluator sees them: the demo leaves three of expert 1's open,
    // each already scored by expert 2; agreeing with a level worth points moves the total.
    const staff = await signedIn(w, "demo-evaluator");
    const tasks = (await (await staff.request.get(`${w.base}/api/tasks`)).json()) as {
      id: number;
      evaluation: string;
      bodyId: string;
      indicator: string;
      expert: string;
      level: string | null;
    }[];
    const open = tasks.filter((t) => t.evaluation === WS && t.expert === "demo-expert1" && t.level === null);
    assert.equal(open.length, 3);
    const pick = open
      .map((t) => ({
        task: t,
        other: tasks.find(
          (o) => o.expert === "demo-expert2" && o.bodyId === t.bodyId && o.indicator === t.indicator,
        )?.level,
      }))
      .find((p) => p.other && p.other !== "D");
    assert.ok(pick?.other, "an open task whose other expert gave points");
    const before = await apiTotal(w, staff, pick.task.bodyId);

    const page = await signedIn(w, "demo-expert1");
    await visit(page, w, "/tasks");
    await page.locator(`a[href="/tasks/${pick.task.id}"]`).click();
    await settled(page);
    await page.getByRole("radio", { name: new RegExp(`^${pick.other}（`) }).check();
    await page.getByLabel("评语").fill("与另一位专家一致：政务云覆盖全部部门");
    await page.getByRole("button", { name: "提交评分" }).click();
    const shownAfter = page.getByTestId("total-after");
    await shownAfter.waitFor();
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="total-after"]')?.textContent ?? "") !== "",
    );
    const shownBefore = number(await page.getByTestId("total-before").textContent());
    const shown = number(await shownAfter.textContent());
    const afterApi = await apiTotal(w, staff, pick.task.bodyId);
    assert.ok(afterApi > before, `the total rose: ${before} → ${afterApi}`);
    assert.equal(shownBefore, Math.round(before * 100) / 100);
    assert.equal(shown, Math.round(afterApi * 100) / 100, "the screen shows the new total");
    assert.ok(await page.getByRole("button", { name: "下一个任务" }).isVisible());
    await page.context().close();
    await staff.context().close();
  });

  test("a body submitter cannot see another body", async () => {
    const page = await signedIn(w, "demo-s0-submitter");
    await visit(page, w, `/evaluations/${WS}/bodies/demo-s1`);
    await assert.doesNotReject(page.getByRole("alert").first().waitFor());
    assert.match((await page.getByRole("alert").first().textContent()) ?? "", /403|本单位/);
    assert.ok(
      !((await page.locator("main").textContent()) ?? "").includes("演示 s1"),
      "nothing of body s1 shows",
    );
    // Its own body is there, and the unpublished results list only its own body.
    await visit(page, w, `/evaluations/${WS}/bodies/demo-s0`);
    assert.equal(await page.getByRole("alert").count(), 0);
    await visit(page, w, `/results/${WS}`);
    const main = (await page.locator("main").textContent()) ?? "";
    assert.ok(main.includes("演示 s0"));
    assert.ok(!main.includes("演示 s1") && !main.includes("演示 s2"), main);
    // Nor through the API behind the screens.
    for (const path of [
      `/api/evaluations/${WS}/bodies/demo-s1/findings`,
      `/api/evaluations/${WS}/bodies/demo-s1/evidence`,
      `/api/evaluations/${WS}/results/demo-s1`,
    ])
      assert.equal((await page.request.get(`${w.base}${path}`)).status(), 403, path);
    await page.context().close();
  });

  test("an appeal changes a score after review", async () => {
    // The evaluator closes collection; appeals are taken while scoring.
    const staff = await signedIn(w, "demo-evaluator");
    await visit(staff, w, `/evaluations/${WS}`);
    await staff.getByTestId("status-next").click();
    await staff
      .getByRole("status")
      .filter({ hasText: /已进入|评分/ })
      .first()
      .waitFor();
    const ev = (await (await staff.request.get(`${w.base}/api/evaluations/${WS}`)).json()) as {
      status: string;
    };
    assert.equal(ev.status, "scoring");

    const values = (await (
      await staff.request.get(`${w.base}/api/evaluations/${WS}/bodies/demo-s1/evidence`)
    ).json()) as { code: string; value: unknown }[];
    const rate = Number(values.find((v) => v.code === "good-rate")?.value);
    const corrected = rate >= 99.5 ? "90" : "99.9";
    const before = await apiTotal(w, staff, "demo-s1");

    const sub = await signedIn(w, "demo-s1-submitter");
    await visit(sub, w, `/evaluations/${WS}/appeals`);
    await sub.getByLabel("已记录的指标数值").check();
    await sub.getByLabel("指标", { exact: true }).selectOption("good-rate");
    await sub.getByLabel("复核理由").fill(`统计口径有误，全年好评率应为 ${corrected}%（附统计表）`);
    await sub.getByRole("button", { name: "提交复核申请" }).click();
    await sub
      .getByRole("status")
      .filter({ hasText: /已提交|复核/ })
      .first()
      .waitFor();

    await visit(staff, w, `/evaluations/${WS}/appeals`);
    const form = staff.getByRole("form", { name: /裁定复核申请/ }).first();
    await form.getByLabel(/更正后的数值/).fill(corrected);
    await form.getByLabel("裁定理由").fill("核对统计表后接受");
    await form.getByRole("button", { name: "接受" }).click();
    await staff.getByTestId("total-after").waitFor();
    const after = await apiTotal(w, staff, "demo-s1");
    assert.notEqual(after, before, "the accepted appeal changed the score");
    assert.equal(number(await staff.getByTestId("total-after").textContent()), Math.round(after * 100) / 100);
    // The appeal and its decision are in the audit trail.
    const admin = await signedIn(w, "demo-admin");
    const trail = (await (await admin.request.get(`${w.base}/api/audit?entity=appeal`)).json()) as {
      action: string;
    }[];
    assert.deepEqual(trail.map((t) => t.action).sort(), ["accept", "appeal"]);
    for (const p of [staff, sub, admin]) await p.context().close();
  });

  test("the public sees published results only", async () => {
    const page = await signedIn(w, null);
    await settled(page);
    const home = (await page.locator("main").textContent()) ?? "";
    assert.ok(home.includes("演示：政府网站检查"), "the published evaluation is listed");
    assert.ok(!home.includes("数字政府服务能力"), "the unpublished one is not");
    await visit(page, w, `/results/${DEMO_EVALUATION}`);
    const results = (await page.locator("main").textContent()) ?? "";
    for (const s of w.demo.sites) assert.ok(results.includes(s.name), `${s.name} on the public page`);
    await visit(page, w, `/results/${WS}`);
    await page.getByRole("alert").first().waitFor();
    assert.ok(!((await page.locator("main").textContent()) ?? "").includes("演示 s0"));
    assert.equal((await page.request.get(`${w.base}/api/evaluations/${WS}/results`)).status(), 404);
    assert.equal((await page.request.get(`${w.base}/api/evaluations/${WS}/framework`)).status(), 404);
    await page.context().close();
  });

  test("from the keyboard: skip link, sign-in, language switch", async () => {
    const page = await signedIn(w, null);
    await settled(page);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "跳到正文");
    await page.keyboard.press("Enter");
    // Following the link's fragment is not done by the time the key press returns, on a busy machine.
    await page.waitForURL(/#main$/, { timeout: 5000 });
    assert.match(page.url(), /#main$/);
    await visit(page, w, "/login");
    await page.getByLabel("用户名").focus();
    await page.keyboard.type("demo-evaluator");
    await page.keyboard.press("Tab");
    await page.keyboard.type("govscore-demo-2026");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/");
    await settled(page);
    await page.getByRole("button", { name: "English" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "中文" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.ok(((await page.locator("nav").first().textContent()) ?? "").includes("Evaluations"));
    await page.getByRole("button", { name: "中文" }).click();
    await page.context().close();
  });

  test("axe-core finds no WCAG 2 A/AA violation on any screen, in Chinese and in English", async () => {
    const records = (await (
      await (
        await signedIn(w, "demo-evaluator")
      ).request.get(`${w.base}/api/evaluations/${WS}/bodies/demo-s0/findings`)
    ).json()) as { inspections: { checks: { findings: { record?: string }[] }[] }[] };
    const record = records.inspections[0]?.checks.flatMap((c) => c.findings).find((f) => f.record)?.record;
    assert.ok(record, "a finding names its WARC record");
    const screens: [string | null, string][] = [
      [null, "/"],
      [null, "/login"],
      [null, `/results/${DEMO_EVALUATION}`],
      [null, `/results/${DEMO_EVALUATION}/demo-s0`],
      ["demo-evaluator", `/evaluations/${WS}`],
      ["demo-evaluator", `/evaluations/${WS}/bodies/demo-s1`],
      ["demo-evaluator", `/evaluations/${WS}/bodies/demo-s0/records/${encodeURIComponent(record)}`],
      ["demo-evaluator", `/evaluations/${WS}/disagreements`],
      ["demo-evaluator", `/evaluations/${WS}/cases`],
      ["demo-evaluator", `/evaluations/${WS}/appeals`],
      ["demo-evaluator", "/tasks"],
      ["demo-evaluator", "/alerts"],
      ["demo-evaluator", `/results/${WS}`],
      ["demo-admin", "/admin"],
      ["demo-expert1", "/tasks"],
      ["demo-s0-submitter", `/evaluations/${WS}/bodies/demo-s0`],
      ["demo-s0-submitter", `/evaluations/${WS}/bodies/demo-s0/submission`],
      ["demo-s0-submitter", `/evaluations/${WS}/cases`],
    ];
    const failures: string[] = [];
    const pages = new Map<string | null, Page>();
    for (const [who, path] of screens) {
      let page = pages.get(who);
      if (!page) {
        page = await signedIn(w, who);
        pages.set(who, page);
      }
      for (const lang of ["zh", "en"] as const) {
        await page.evaluate((l) => localStorage.setItem("govscore.lang", l), lang);
        await visit(page, w, path);
        const v = await axeViolations(page);
        if (v.length) failures.push(`${who ?? "public"} ${path} [${lang}]\n${describeViolations(v)}`);
      }
      await page.evaluate(() => localStorage.setItem("govscore.lang", "zh"));
    }
    // The expert's scoring screen, on a task of its own.
    const expert = pages.get("demo-expert1") as Page;
    await visit(expert, w, "/tasks");
    await expert.locator('a[href^="/tasks/"]').first().click();
    await settled(expert);
    const v = await axeViolations(expert);
    if (v.length) failures.push(`demo-expert1 ${expert.url()}\n${describeViolations(v)}`);
    for (const p of pages.values()) await p.context().close();
    assert.deepEqual(failures, [], failures.join("\n\n"));
  });
});
