import vm from "node:vm";
import { JSDOM, VirtualConsole } from "jsdom";
import { axeScript, STATIC_RULES } from "./axe.ts";
import { installFastComputedStyle } from "./fast-style.ts";
import { AXE_RUN_SNIPPET, type AxeRun, snippetArgs } from "./result.ts";

type AxeRunner = (o: ReturnType<typeof snippetArgs>) => Promise<AxeRun>;

/** jsdom's complaints about canvas and CSS it cannot parse are noise for us. */
const quiet = new VirtualConsole();

let runnerScript: vm.Script | null = null;

/**
 * Runs axe over an HTML string in jsdom: no page script is executed and nothing is fetched
 * (no `resources`), so the result depends on the bytes alone, which is what lets `recheck`
 * reproduce it from the archive. `rules` defaults to the WCAG A/AA rules that need no layout.
 */
export async function axeJsdom(
  html: string,
  url: string,
  rules: readonly string[] = STATIC_RULES,
  contentType = "text/html",
  /** false: jsdom's own getComputedStyle (slow; kept to check the fast one against). */
  fastStyle = true,
): Promise<AxeRun> {
  const dom = new JSDOM(html, {
    url,
    contentType,
    // "outside-only": page scripts stay inert, but we may evaluate axe in the window.
    runScripts: "outside-only",
    virtualConsole: quiet,
  });
  try {
    if (fastStyle) installFastComputedStyle(dom.window);
    const ctx = dom.getInternalVMContext();
    axeScript().runInContext(ctx);
    runnerScript ??= new vm.Script(`(${AXE_RUN_SNIPPET})`, { filename: "govscore-axe-run.js" });
    const run = runnerScript.runInContext(ctx) as AxeRunner;
    // Copy out of the window's realm so nothing keeps the window alive once it is closed.
    return structuredClone(await run(snippetArgs(rules)));
  } finally {
    dom.window.close();
  }
}
