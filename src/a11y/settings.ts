// What an inspection asks of the accessibility passes: light, so that the command line can read
// its flags without loading jsdom, axe-core and playwright (engine.ts loads them).
import { DEFAULT_SAMPLE } from "./sample.ts";

/** What `inspect` asks of the accessibility passes; recorded in the WARC so `recheck` can redo it. */
export interface A11ySettings {
  articlesPerColumn: number;
  maxPages: number;
  /** Also run the Chromium pass (layout rules, rendered footer). */
  browser: boolean;
}

export const defaultA11ySettings = (): A11ySettings => ({ ...DEFAULT_SAMPLE, browser: false });

/** Reads the settings back from a run record; null when the run had no accessibility pass. */
export function a11ySettingsFrom(v: unknown): A11ySettings | null {
  if (!v || typeof v !== "object") return null;
  const o = v as Partial<A11ySettings>;
  const n = Number(o.articlesPerColumn);
  const m = Number(o.maxPages);
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 1) return null;
  return { articlesPerColumn: n, maxPages: m, browser: o.browser === true };
}
