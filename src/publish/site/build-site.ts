import { escapeHtml as h } from "../export/html-escape.ts";
import { page } from "../export/page.ts";
import { inAdministrativeOrder } from "../order.ts";
import { categoryText } from "../text/category-text.ts";
import { tierNameEn } from "../text/tier-lists.ts";
import type { ReleaseCategory, ReleaseEntry, ReleaseEvaluation, ReleaseInput } from "../types.ts";
import { dimensionStandings, strengthsAndWeaknesses } from "./strengths.ts";

/** Relative path → HTML. Plain pages linked to each other: no scripts, works from a file system. */
export type SiteFiles = Map<string, string>;

const fmt = (v: number | undefined) => (v === undefined ? "—" : String(Math.round(v * 100) / 100));
const en = (text: string) => `<span lang="en" class="en">${text}</span>`;
const tierText = (e: ReleaseEvaluation, tier: string | undefined) =>
  tier === undefined ? "—" : `${h(tier)}${e.tierSuffix} ${en(h(tierNameEn(tier)))}`;

interface BodyPage {
  readonly name: string;
  readonly nameEn: string;
  readonly path: string;
  readonly memberships: { category: ReleaseCategory; entry: ReleaseEntry }[];
}

function bodyPages(evaluation: ReleaseEvaluation): Map<string, BodyPage> {
  const pages = new Map<string, BodyPage>();
  for (const category of evaluation.categories) {
    for (const entry of category.entries) {
      let p = pages.get(entry.body);
      if (!p) {
        p = {
          name: entry.body,
          nameEn: entry.bodyEn ?? entry.body,
          path: `b/${pages.size + 1}.html`,
          memberships: [],
        };
        pages.set(entry.body, p);
      }
      p.memberships.push({ category, entry });
    }
  }
  return pages;
}

function nav(depth: number, crumbs: { label: string; href?: string }[]): string {
  const up = "../".repeat(depth);
  const items = [{ label: `首页 ${en("Home")}`, href: `${up}index.html` }, ...crumbs]
    .map((c) =>
      c.href ? `<li><a href="${c.href}">${c.label}</a></li>` : `<li aria-current="page">${c.label}</li>`,
    )
    .join("");
  return `<header><nav aria-label="导航 Navigation"><ul>${items}</ul></nav></header>`;
}

export function buildSite(input: ReleaseInput, title: string): SiteFiles {
  const files: SiteFiles = new Map();
  const list = input.evaluations
    .map(
      (e, i) => `<li><a href="e${i + 1}/index.html">${h(e.name)}</a> ${e.nameEn ? en(h(e.nameEn)) : ""}</li>`,
    )
    .join("\n");
  files.set(
    "index.html",
    page({
      title,
      nav: nav(0, []),
      body: `<h1>${h(title)}</h1>
<h2>评估 ${en("Evaluations")}</h2>
<ul>${list}</ul>`,
    }),
  );
  input.evaluations.forEach((evaluation, i) => {
    const dir = `e${i + 1}`;
    const pages = bodyPages(evaluation);
    files.set(`${dir}/index.html`, evaluationPage(evaluation, pages));
    for (const p of pages.values()) files.set(`${dir}/${p.path}`, bodyPage(input, evaluation, p));
  });
  return files;
}

function evaluationPage(evaluation: ReleaseEvaluation, pages: Map<string, BodyPage>): string {
  const sections = evaluation.categories.map((category, ci) => {
    const text = categoryText(evaluation, category);
    const sorted = [...inAdministrativeOrder(category.entries)].sort(
      (a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY),
    );
    const rows = sorted
      .map((x) => {
        const link = pages.get(x.body)?.path ?? "";
        return `<tr><td class="num">${x.rank ?? "—"}</td><th scope="row"><a href="${link}">${h(x.body)}</a></th><td class="num">${fmt(x.score)}</td><td>${tierText(evaluation, x.tier)}</td></tr>`;
      })
      .join("\n");
    const summary = [
      ...text.tierLinesZh.map((l) => `<p>${h(l)}</p>`),
      ...text.tierLinesEn.map((l) => `<p lang="en" class="en">${h(l)}</p>`),
      text.rankingZh ? `<p>${h(text.rankingZh)}</p>` : "",
      text.rankingEn ? `<p lang="en" class="en">${h(text.rankingEn)}</p>` : "",
    ].join("\n");
    return `<section aria-labelledby="c${ci + 1}">
<h2 id="c${ci + 1}">${h(category.name)} ${category.nameEn ? en(h(category.nameEn)) : ""}</h2>
${summary}
<table>
<caption>${h(category.name)}：全部结果 ${en("all results")}</caption>
<thead><tr><th scope="col">名次 ${en("Rank")}</th><th scope="col">单位 ${en("Body")}</th><th scope="col">得分 ${en("Score")}</th><th scope="col">档级 ${en("Tier")}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
  });
  const note =
    evaluation.present !== "ranking"
      ? `<p>注：档级内按照行政区划排序，排名不分先后。 ${en("Within a tier, bodies are listed in administrative-division order, not by rank.")}</p>`
      : "";
  return page({
    title: evaluation.name,
    nav: nav(1, [{ label: h(evaluation.name) }]),
    body: `<h1>${h(evaluation.name)} ${evaluation.nameEn ? en(h(evaluation.nameEn)) : ""}</h1>
${sections.join("\n")}
${note}`,
  });
}

function bodyPage(input: ReleaseInput, evaluation: ReleaseEvaluation, p: BodyPage): string {
  const previous = input.previous?.find((e) => e.name === evaluation.name);
  const blocks = p.memberships.map(({ category, entry }, i) => {
    const ranked = category.entries.filter((x) => x.rank !== undefined).length;
    const facts = `<dl>
<dt>得分 ${en("Score")}</dt><dd>${fmt(entry.score)}</dd>
<dt>名次 ${en("Rank")}</dt><dd>${entry.rank === undefined ? "—" : `${entry.rank} / ${ranked}`}</dd>
<dt>档级 ${en("Tier")}</dt><dd>${tierText(evaluation, entry.tier)}</dd>
</dl>`;
    const standings = dimensionStandings(entry, category, input.dimensions);
    const { strengths, weaknesses } = strengthsAndWeaknesses(standings);
    const dimTable =
      standings.length === 0
        ? ""
        : `<table>
<caption>各维度得分与类别平均 ${en("Scores per dimension and the category mean")}</caption>
<thead><tr><th scope="col">维度 ${en("Dimension")}</th><th scope="col">得分 ${en("Score")}</th><th scope="col">类别平均 ${en("Category mean")}</th></tr></thead>
<tbody>${standings.map((s) => `<tr><th scope="row">${h(s.dimension)}</th><td class="num">${fmt(s.value)}</td><td class="num">${fmt(s.mean)}</td></tr>`).join("")}</tbody>
</table>
${
  strengths.length === 0
    ? ""
    : `<p>与本类别其他单位相比（按各维度标准化得分）${en("Compared with the rest of the category (standardised per dimension)")}：</p>
<h4>相对优势 ${en("Strengths")}</h4>
<p>${strengths.map((s) => h(s.dimension)).join("、")}</p>
<h4>相对不足 ${en("Weaknesses")}</h4>
<p>${weaknesses.map((s) => h(s.dimension)).join("、")}</p>`
}`;
    const before = previous?.categories
      .find((c) => c.name === category.name)
      ?.entries.find((x) => x.body === entry.body);
    let change = "";
    if (input.previous) {
      if (!before) change = `<p>上一届未参评。 ${en("Not in the previous edition.")}</p>`;
      else {
        const ds =
          entry.score !== undefined && before.score !== undefined ? entry.score - before.score : undefined;
        const dr =
          entry.rank !== undefined && before.rank !== undefined ? before.rank - entry.rank : undefined;
        change = `<h3>与上一届相比 ${en("Change since the previous edition")}</h3>
<ul>
<li>得分 ${en("Score")}：${fmt(before.score)} → ${fmt(entry.score)}${ds === undefined ? "" : `（${ds >= 0 ? "+" : ""}${fmt(ds)}）`}</li>
<li>名次 ${en("Rank")}：${before.rank ?? "—"} → ${entry.rank ?? "—"}${dr === undefined ? "" : dr > 0 ? `（上升 ${dr} ${en(`up ${dr}`)}）` : dr < 0 ? `（下降 ${-dr} ${en(`down ${-dr}`)}）` : `（不变 ${en("unchanged")}）`}</li>
<li>档级 ${en("Tier")}：${tierText(evaluation, before.tier)} → ${tierText(evaluation, entry.tier)}</li>
</ul>`;
      }
    }
    return `<section aria-labelledby="m${i + 1}">
<h2 id="m${i + 1}">${h(category.name)} ${category.nameEn ? en(h(category.nameEn)) : ""}</h2>
${facts}
${dimTable ? `<h3>各维度 ${en("Dimensions")}</h3>\n${dimTable}` : ""}
${change}
</section>`;
  });
  const evidence = (input.evidence ?? []).filter((x) => x.body === p.name);
  const evidenceHtml =
    evidence.length === 0
      ? ""
      : `<section aria-labelledby="evidence">
<h2 id="evidence">证据 ${en("Evidence")}</h2>
<ul>${evidence.map((x) => `<li><a href="${h(x.url)}">${h(x.title)}</a></li>`).join("")}</ul>
</section>`;
  return page({
    title: `${p.name} · ${evaluation.name}`,
    nav: nav(2, [{ label: h(evaluation.name), href: "../index.html" }, { label: h(p.name) }]),
    body: `<h1>${h(p.name)}${p.nameEn !== p.name ? ` ${en(h(p.nameEn))}` : ""}</h1>
<p>${h(evaluation.name)} ${evaluation.nameEn ? en(h(evaluation.nameEn)) : ""}</p>
${blocks.join("\n")}
${evidenceHtml}`,
  });
}
