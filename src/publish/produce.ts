import { readFileSync } from "node:fs";
import { dataFilesOf } from "./export/data-files-set.ts";
import { printPdf } from "./export/pdf.ts";
import { releaseHtml } from "./export/release-html.ts";
import { problem, ReleaseInputError } from "./input-error.ts";
import { DEFAULT_TEMPLATES, renderRelease } from "./render-release.ts";
import { buildSite } from "./site/build-site.ts";
import type { ReleaseInput } from "./types.ts";

export interface ProduceOptions {
  readonly templateZh?: string | undefined;
  readonly templateEn?: string | undefined;
  readonly pdf: boolean;
  readonly site: boolean;
}

export interface Produced {
  /** Files for --out, by name. */
  readonly out: Map<string, string | Uint8Array>;
  /** Files for --site, by relative path (empty without --site). */
  readonly site: Map<string, string>;
  readonly notes: string[];
}

function readTemplate(file: string): { file: string; text: string } {
  try {
    return { file, text: readFileSync(file, "utf8") };
  } catch (e) {
    throw new ReleaseInputError([
      problem(
        file,
        null,
        null,
        `无法读取模板：${(e as Error).message}`,
        `cannot read the template: ${(e as Error).message}`,
      ),
    ]);
  }
}

/** Everything a release consists of, in memory; nothing is written here. */
export async function produceRelease(input: ReleaseInput, options: ProduceOptions): Promise<Produced> {
  const zh = renderRelease(input, readTemplate(options.templateZh ?? DEFAULT_TEMPLATES.zh), "zh");
  const en = renderRelease(input, readTemplate(options.templateEn ?? DEFAULT_TEMPLATES.en), "en");
  const html = releaseHtml(input, zh, en);
  const out = new Map<string, string | Uint8Array>([
    ["release.zh.md", zh],
    ["release.en.md", en],
    ["release.html", html],
    ...(await dataFilesOf(input)),
  ]);
  const notes: string[] = [];
  if (options.pdf) {
    const pdf = await printPdf(html);
    if (pdf.ok) out.set("release.pdf", pdf.pdf);
    else notes.push(pdf.reason);
  }
  const title = /^#\s+(.+)$/m.exec(zh)?.[1] ?? "评估结果";
  const site = options.site ? buildSite(input, title) : new Map<string, string>();
  return { out, site, notes };
}
