import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium, type Page } from "playwright-core";
import { axeSource } from "../../src/a11y/axe.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from "../../src/a11y/browser-pass.ts";
import { type DemoEvaluation, runDemoEvaluation } from "../../src/demo/demo-evaluation.ts";
import { DEMO_PASSWORD } from "../../src/demo/demo-workspace.ts";
import { buildApp } from "../../src/server/app.ts";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";

/** Why the browser tests cannot run here (no Chromium), or undefined. */
export const browserSkip = chromiumAvailable()
  ? undefined
  : `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-noto-cjk, or set GOVSCORE_CHROMIUM)`;

/** Builds the web app as `npm run build:web` does, into a folder of its own. */
export async function buildWebApp(dir: string): Promise<string> {
  const { build } = await import("vite");
  const outDir = join(dir, "web");
  await build({
    configFile: fileURLToPath(new URL("../../web/vite.config.ts", import.meta.url)),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export interface Workspace {
  base: string;
  store: Store;
  app: FastifyInstance;
  demo: DemoEvaluation;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * What `npm start` brings up, on a fresh embedded database: the demo sites served on 127.0.0.1,
 * both demo evaluations, the workspace server with the built app, and a Chromium to drive it.
 */
export async function startWorkspace(sites = 3): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), "govscore-browser-"));
  const webDir = await buildWebApp(dir);
  const pglite = backends.find((b) => b.name === "pglite");
  if (!pglite) throw new Error("no embedded backend");
  const store = await pglite.open();
  const demo = await runDemoEvaluation(store.db, {
    sites,
    warcDir: join(dir, "warc"),
    releaseDir: join(dir, "release"),
    siteDir: join(dir, "site"),
    keepSites: true,
  });
  const app = await buildApp({ store, allowPrivate: true, webDir, loginPerMinute: 1000 });
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  // The accessibility pass sends Chromium's traffic nowhere (the crawler fetches for it); the
  // workspace is a real site on 127.0.0.1, reached directly.
  const args = CHROMIUM_ARGS.filter(
    (a) => !a.startsWith("--proxy-server") && !a.startsWith("--host-resolver"),
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args, headless: true });
  return {
    base,
    store,
    app,
    demo,
    browser,
    async close() {
      await browser.close();
      await app.runs.settle();
      await app.close();
      await demo.server?.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh browser context (its own cookies) signed in through the login form, by keyboard. */
export async function signedIn(w: Workspace, username: string | null): Promise<Page> {
  const context = await w.browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  if (!username) {
    await page.goto(`${w.base}/`);
    return page;
  }
  await page.goto(`${w.base}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByLabel("密码").press("Enter");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}

/**
 * axe-core's WCAG 2 A/AA rules on the page as it stands. axe is evaluated through the DevTools
 * protocol, so the app's Content-Security-Policy stays in force for the app itself.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

export const describeViolations = (v: AxeViolation[]) =>
  v.map((x) => `${x.id} (${x.impact}): ${x.help} — ${x.nodes.map((n) => n.html).join(" | ")}`).join("\n");
