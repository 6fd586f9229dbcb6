import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Small county portals for the checks of issue 18 that look past the columns: the columns the 47号
 * guideline requires, 办件 and message statistics, the annual report on information disclosure,
 * policy documents and their interpretations. A clean site has all of them in order; each other
 * site plants one kind of defect and is clean otherwise, so its findings are exactly the planted
 * ones. Served by host name on 127.0.0.1 (`fixtureResolver` sends *.fixture.gov.cn there).
 */
export const TOPICS_AS_OF = "2026-03-01";

export interface TopicSite {
  /** Required columns left out of the menus (ids of required-columns.yaml). */
  omit: ("leaders" | "interpretation")[];
  /** Years of the annual reports listed; `bare`: the list names the year only (2024年). */
  reports: { year: number; bare: boolean }[];
  /** Date of the newest 办件统计 entry (its month's figures, published the month after). */
  serviceStats: string;
  /** The 信件统计 page shows when it was made (null: it shows no date). */
  messageStatsDate: string | null;
  /** The policy document links back to its interpretation. */
  policyLinksBack: boolean;
  /** The 一图读懂 interpretation links to the document it explains. */
  interpretationLinksDocument: boolean;
}

export const CLEAN: TopicSite = {
  omit: [],
  reports: [
    { year: 2025, bare: false },
    { year: 2024, bare: true },
    { year: 2023, bare: false },
  ],
  serviceStats: "2026-02-05",
  messageStatsDate: "2026-02-03",
  policyLinksBack: true,
  interpretationLinksDocument: true,
};

/** The sites served: a clean one and one per planted defect. */
export const TOPIC_SITES: Record<string, TopicSite> = {
  clean: CLEAN,
  columns: { ...CLEAN, omit: ["leaders", "interpretation"] },
  report: {
    ...CLEAN,
    reports: [
      { year: 2024, bare: true },
      { year: 2023, bare: true },
      { year: 2022, bare: false },
    ],
  },
  stats: { ...CLEAN, serviceStats: "2025-11-20", messageStatsDate: null },
  unlinked: { ...CLEAN, policyLinksBack: false, interpretationLinksDocument: false },
};

export const topicHost = (name: string) => `${name}.topics.fixture.gov.cn`;

const COUNTY = "某县";
const FOOTER = `<div class="footer"><p>主办单位：某县人民政府办公室 网站标识码：4690240001 琼ICP备05000041号-1
琼公网安备 46010802000004号 联系电话：0898-65203000</p></div>`;

/** A page with the site's header (its menu, as on every page: 政策文件 and 政策解读 among it) and footer. */
function page(s: TopicSite, title: string, body: string, meta: Record<string, string> = {}): string {
  const metas = Object.entries(meta)
    .map(([k, v]) => `<meta name="${k}" content="${v}">`)
    .join("");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_${COUNTY}人民政府</title>${metas}</head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zjmx/">走进${COUNTY}</a></li>
<li><a href="/zwgk/">政务公开</a></li><li><a href="/zwgk/zcwj/">政策文件</a></li>${
    s.omit.includes("interpretation") ? "" : `<li><a href="/zwgk/zcjd/">政策解读</a></li>`
  }<li><a href="/zwfw/">政务服务</a></li><li><a href="/hd/">政民互动</a></li></ul></div>
<div class="main">${body}</div>${FOOTER}</body></html>`;
}

const list = (rows: [string, string, string][]) =>
  `<ul class="list">${rows.map(([href, text, date]) => `<li><a href="${href}">${text}</a><span>${date}</span></li>`).join("")}</ul>`;

function article(s: TopicSite, title: string, date: string, body: string, column: string): string {
  return page(
    s,
    title,
    `<h1>${title}</h1><p class="info">发布时间：${date} 来源：${COUNTY}人民政府办公室</p><div class="content">${body}</div>`,
    {
      ArticleTitle: title,
      PubDate: `${date} 09:00`,
      ContentSource: `${COUNTY}人民政府办公室`,
      ColumnName: column,
    },
  );
}

const column = (s: TopicSite, name: string, type: string, body: string) =>
  page(s, name, `<h2>${name}</h2>${body}`, { ColumnName: name, ColumnType: type });

const P1 = "关于印发《某县促进消费若干措施》的通知";
const P2 = "关于印发某县防汛抗旱应急预案的通知";
const P3 = "关于印发《某县乡村振兴三年行动方案》的通知";
const I1 = "《某县促进消费若干措施》政策解读";
const I2 = "一图读懂《某县乡村振兴三年行动方案》";

/** The site's pages by path; undefined: 404. */
export function topicPage(s: TopicSite, path: string): { type: string; body: string } | undefined {
  const html = (body: string) => ({ type: "text/html; charset=utf-8", body });
  // Without a 解读 column the site has no interpretations at all, nor links to them.
  const interp = !s.omit.includes("interpretation");
  if (!interp && path.startsWith("/zwgk/zcjd/")) return undefined;
  switch (path) {
    case "/":
      return html(
        page(
          s,
          `${COUNTY}人民政府门户网站`,
          `<div class="news"><h2>工作动态</h2>${list([
            ["/xwdt/t20260227_1.html", "某县召开2026年安全生产工作会议", "2026-02-27"],
            ["/xwdt/t20260226_2.html", "某县举行新出台惠民政策解读宣讲会", "2026-02-26"],
            ["/xwdt/t20260225_3.html", "某县推进乡村振兴重点工作", "2026-02-25"],
          ])}</div>
<div class="links"><a href="/xwdt/">工作动态</a> <a href="/tzgg/">通知公告</a> <a href="/search?q=">站内搜索</a>
<a href="/wzdt.html">网站地图</a> <a href="/lxwm.html">联系我们</a> <a href="/jiucuo.html">我为政府网站找错</a></div>`,
          { SiteName: `${COUNTY}人民政府`, SiteDomain: "www.example.gov.cn", SiteIDCode: "4690240001" },
        ),
      );
    case "/zjmx/":
      return html(page(s, `走进${COUNTY}`, `<p>${COUNTY}位于海南岛西北部，面积1317平方公里。</p>`));
    case "/zwgk/": {
      const menu: [string, string][] = [
        ["/zwgk/jgzn/", "机构职能"],
        ["/zwgk/ldxx/", "领导信息"],
        ["/zwgk/zcwj/", "政策文件"],
        ["/zwgk/zcjd/", "政策解读"],
        ["/zwgk/ndbg/", "政府信息公开年报"],
        ["/zwgk/gkzn/", "政府信息公开指南"],
      ];
      const shown = menu.filter(
        ([, t]) =>
          !(s.omit.includes("leaders") && t === "领导信息") &&
          !(s.omit.includes("interpretation") && t === "政策解读"),
      );
      return html(
        page(
          s,
          "政务公开",
          `<ul class="submenu">${shown.map(([h, t]) => `<li><a href="${h}">${t}</a></li>`).join("")}</ul>`,
        ),
      );
    }
    case "/zwgk/jgzn/":
      return html(
        page(s, "机构职能", "<p>贯彻执行国家法律法规和方针政策，负责本县行政区域内的经济社会发展。</p>"),
      );
    case "/zwgk/ldxx/":
      return html(page(s, "领导信息", "<p>县长：张三，主持县政府全面工作。</p>"));
    case "/zwgk/gkzn/":
      return html(page(s, "政府信息公开指南", "<p>本指南依据《中华人民共和国政府信息公开条例》编制。</p>"));
    case "/zwgk/zcwj/":
      return html(
        column(
          s,
          "政策文件",
          "policy",
          list([
            ["/zwgk/zcwj/t20260210_1.html", P1, "2026-02-10"],
            ["/zwgk/zcwj/t20260120_2.html", P2, "2026-01-20"],
            ["/zwgk/zcwj/t20251215_3.html", P3, "2025-12-15"],
          ]),
        ),
      );
    case "/zwgk/zcwj/t20260210_1.html":
      return html(
        article(
          s,
          P1,
          "2026-02-10",
          `<p>各乡镇人民政府，县政府各部门：现将《某县促进消费若干措施》印发给你们，请认真贯彻执行。</p>
${s.policyLinksBack && interp ? `<p>相关解读：<a href="/zwgk/zcjd/t20260211_1.html">相关解读</a></p>` : ""}`,
          "政策文件",
        ),
      );
    case "/zwgk/zcwj/t20260120_2.html":
      return html(article(s, P2, "2026-01-20", "<p>为做好防汛抗旱工作，制定本预案。</p>", "政策文件"));
    case "/zwgk/zcwj/t20251215_3.html":
      return html(
        article(
          s,
          P3,
          "2025-12-15",
          `<p>现将《某县乡村振兴三年行动方案》印发给你们。</p>${interp ? `<p><a href="/zwgk/zcjd/t20251216_2.html">政策解读</a></p>` : ""}`,
          "政策文件",
        ),
      );
    case "/zwgk/zcjd/":
      return html(
        column(
          s,
          "政策解读",
          "interpretation",
          list([
            ["/zwgk/zcjd/t20260211_1.html", I1, "2026-02-11"],
            ["/zwgk/zcjd/t20251216_2.html", I2, "2025-12-16"],
            ["/zwgk/zcjd/t20251120_3.html", "某县召开政策宣讲会", "2025-11-20"],
          ]),
        ),
      );
    case "/zwgk/zcjd/t20260211_1.html":
      return html(
        article(
          s,
          I1,
          "2026-02-11",
          `<p>一、起草背景。为提振消费，县政府制定了若干措施。</p><p><a href="/zwgk/zcwj/t20260210_1.html">政策原文</a></p>`,
          "政策解读",
        ),
      );
    case "/zwgk/zcjd/t20251216_2.html":
      return html(
        article(
          s,
          I2,
          "2025-12-16",
          `<p><img src="/img/yitu.png" alt="一图读懂"></p>${
            s.interpretationLinksDocument
              ? `<p>附件：<a href="/files/xczx.pdf">某县乡村振兴三年行动方案.pdf</a></p>`
              : ""
          }`,
          "政策解读",
        ),
      );
    case "/zwgk/zcjd/t20251120_3.html":
      return html(article(s, "某县召开政策宣讲会", "2025-11-20", "<p>宣讲会在县政府召开。</p>", "政策解读"));
    case "/zwgk/ndbg/": {
      // A year alone links the report's PDF: only the list says what it is.
      const rows = s.reports.map(({ year, bare }, k): [string, string, string] => [
        bare ? `/files/ndbg-${year}.pdf` : `/zwgk/ndbg/t${year + 1}0120_${k + 1}.html`,
        bare ? `${year}年` : `${COUNTY}${year}年政府信息公开工作年度报告`,
        `${year + 1}-01-20`,
      ]);
      return html(column(s, "政府信息公开年报", "catalogue", list(rows)));
    }
    case "/xwdt/":
      return html(
        column(
          s,
          "工作动态",
          "news",
          list([
            ["/xwdt/t20260227_1.html", "某县召开2026年安全生产工作会议", "2026-02-27"],
            ["/xwdt/t20260226_2.html", "某县举行新出台惠民政策解读宣讲会", "2026-02-26"],
            ["/xwdt/t20260225_3.html", "某县推进乡村振兴重点工作", "2026-02-25"],
          ]),
        ),
      );
    case "/xwdt/t20260227_1.html":
      return html(
        article(
          s,
          "某县召开2026年安全生产工作会议",
          "2026-02-27",
          "<p>会议部署了安全生产工作。</p>",
          "工作动态",
        ),
      );
    case "/xwdt/t20260226_2.html":
      // An ordinary news article about interpretations: never judged.
      return html(
        article(
          s,
          "某县举行新出台惠民政策解读宣讲会",
          "2026-02-26",
          "<p>宣讲员对《某县促进消费若干措施》进行了解读。</p>",
          "工作动态",
        ),
      );
    case "/xwdt/t20260225_3.html":
      return html(
        article(s, "某县推进乡村振兴重点工作", "2026-02-25", "<p>会议研究了乡村振兴工作。</p>", "工作动态"),
      );
    case "/tzgg/":
      return html(
        column(
          s,
          "通知公告",
          "notice",
          list([
            [
              "/tzgg/t20260105_1.html",
              // About preparing the report, not the report: must not count as one.
              "关于做好2025年政府信息公开工作年度报告编制发布工作的通知",
              "2026-01-05",
            ],
            ["/tzgg/t20251210_2.html", "关于印发某县财政专项资金管理办法的通知", "2025-12-10"],
            ["/tzgg/t20251201_3.html", "某县2025年公开招聘工作人员公告", "2025-12-01"],
          ]),
        ),
      );
    case "/zwfw/":
      return html(
        page(
          s,
          "政务服务",
          `<ul class="submenu"><li><a href="/zwfw/bszn/">办事指南</a></li><li><a href="/zwfw/bjtj/">办件统计</a></li></ul>`,
        ),
      );
    case "/zwfw/bjtj/": {
      const last = s.serviceStats;
      const months = [0, 1, 2].map((k) => {
        const d = new Date(`${last}T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() - k);
        const period = new Date(d);
        period.setUTCMonth(period.getUTCMonth() - 1);
        const iso = d.toISOString().slice(0, 10);
        return [
          `/zwfw/bjtj/t${iso.replaceAll("-", "")}_${k + 1}.html`,
          `${period.getUTCFullYear()}年${period.getUTCMonth() + 1}月份办件统计`,
          iso,
        ] as [string, string, string];
      });
      return html(column(s, "办件统计", "statistics", list(months)));
    }
    case "/hd/":
      return html(
        page(
          s,
          "政民互动",
          `<ul class="submenu"><li><a href="/hd/xzxx/">县长信箱</a></li><li><a href="/hd/xjtj/">信件统计</a></li></ul>`,
        ),
      );
    case "/hd/xjtj/":
      return html(
        page(
          s,
          "信件统计",
          `<table><tr><th>来信总数</th><th>已办结</th></tr><tr><td>120</td><td>118</td></tr></table>${
            s.messageStatsDate ? `<p>统计时间：${s.messageStatsDate}</p>` : ""
          }`,
        ),
      );
    case "/zwfw/bszn/":
      return html(page(s, "办事指南", "<p>事项名称、办理材料、办理地点、办理时间、联系电话。</p>"));
    case "/hd/xzxx/":
      return html(
        page(s, "县长信箱", `<form action="/hd/xzxx/submit"><textarea name="c"></textarea></form>`),
      );
    case "/lxwm.html":
      return html(page(s, "联系我们", "<p>地址：某县人民路1号</p>"));
    case "/wzdt.html":
      return html(page(s, "网站地图", `<a href="/zwgk/">政务公开</a>`));
    case "/jiucuo.html":
      return html(page(s, "我为政府网站找错", "<p>请留下您发现的问题。</p>"));
    case "/files/xczx.pdf":
    case "/files/ndbg-2024.pdf":
    case "/files/ndbg-2023.pdf":
    case "/files/ndbg-2022.pdf":
      return { type: "application/pdf", body: "%PDF-1.4\n%%EOF\n" };
    default: {
      const stats = /^\/zwfw\/bjtj\/t(\d{4})(\d{2})(\d{2})_\d\.html$/.exec(path);
      if (stats) {
        const date = `${stats[1]}-${stats[2]}-${stats[3]}`;
        const d = new Date(`${date}T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() - 1);
        const title = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月份办件统计`;
        return html(article(s, title, date, "<p>本月共受理办件1200件，办结1180件。</p>", "办件统计"));
      }
      const report = /^\/zwgk\/ndbg\/t(\d{4})0120_\d\.html$/.exec(path);
      if (report) {
        const year = Number(report[1]) - 1;
        const title = `${COUNTY}${year}年政府信息公开工作年度报告`;
        return html(
          article(
            s,
            title,
            `${year + 1}-01-20`,
            "<p>本报告根据《中华人民共和国政府信息公开条例》编制。</p>",
            "政府信息公开年报",
          ),
        );
      }
      const notice = /^\/tzgg\/t(\d{4})(\d{2})(\d{2})_\d\.html$/.exec(path);
      if (notice)
        return html(
          article(
            s,
            "通知",
            `${notice[1]}-${notice[2]}-${notice[3]}`,
            "<p>请各单位按要求办理。</p>",
            "通知公告",
          ),
        );
      return undefined;
    }
  }
}

export interface TopicServer {
  url(name: string): string;
  close(): Promise<void>;
}

/** Serves every site of TOPIC_SITES on one port of 127.0.0.1, by the request's host name. */
export async function startTopicServer(): Promise<TopicServer> {
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? "").split(":")[0] ?? "";
    const name = host.replace(/\.topics\.fixture\.gov\.cn$/, "");
    const site = TOPIC_SITES[name];
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const p = site ? topicPage(site, path) : undefined;
    if (!p) {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>404</h1>");
      return;
    }
    res.writeHead(200, { "content-type": p.type }).end(req.method === "HEAD" ? undefined : p.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (name) => `http://${topicHost(name)}:${port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
