import { extractFacts } from "../../src/artifacts/extract.ts";
import { pageFields } from "../../src/artifacts/page.ts";
import type { FetchOutcome, PageArtifact, SiteArtifacts } from "../../src/artifacts/types.ts";

export const HOME = "https://www.example.gov.cn/";

export function outcome(over: Partial<FetchOutcome> = {}): FetchOutcome {
  return {
    url: HOME,
    finalUrl: HOME,
    status: 200,
    error: null,
    ms: 100,
    headers: {},
    redirects: 0,
    redirectedToHttps: false,
    record: null,
    ...over,
  };
}

/** A page artifact as the crawler would make it from this HTML. */
export function pageFrom(url: string, html: string, depth = 1, cfg?: object): PageArtifact {
  const facts = extractFacts(html);
  return {
    url,
    status: 200,
    error: null,
    record: null,
    contentType: "text/html",
    depth,
    charset: { used: "utf-8", source: "header", header: "utf-8", meta: null, clean: true },
    title: facts.title,
    meta: facts.meta,
    ...pageFields(facts, url, depth, cfg, html),
  };
}

export function siteOf(pages: PageArtifact[], over: Partial<SiteArtifacts> = {}): SiteArtifacts {
  return {
    site: HOME,
    host: "www.example.gov.cn",
    asOf: "2022-12-20",
    home: outcome(),
    http: null,
    https: outcome(),
    pages,
    links: [],
    counts: { fetched: pages.length, failed: 0, skipped: 0 },
    notes: [],
    ...over,
  };
}

/** A portal page: header, navigation, `main`, and a footer with every required item unless told. */
export function portal(
  main: string,
  o: { head?: string; footer?: string; nav?: string; title?: string } = {},
): string {
  const footer =
    o.footer ??
    `<p>主办单位：海南省人民政府办公厅 网站标识码：4600000001 <a href="https://beian.miit.gov.cn/">琼ICP备05000041号-1</a>
     琼公网安备 46010802000004号 联系电话：0898-65203000</p>
     <a href="https://bszs.conac.cn/sitename?method=show&id=1"><img src="/img/red.png" alt="党政机关"></a>
     <a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4600000001">我为政府网站找错</a>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="海南省人民政府"><meta name="SiteDomain" content="www.example.gov.cn"><meta name="SiteIDCode" content="4600000001">
${o.head ?? ""}<title>${o.title ?? "海南省人民政府"}</title></head><body>
<div class="top"><form action="/search"><input name="q" type="text"><button>搜索</button></form><a href="javascript:;" id="wza">无障碍</a></div>
<ul class="nav">${o.nav ?? '<li><a href="/col/news/">工作动态</a></li><li><a href="/hd/">政民互动</a></li><li><a href="/bs/">办事服务</a></li>'}</ul>
<div class="main">${main}</div>
<div class="footer">${footer}</div></body></html>`;
}
