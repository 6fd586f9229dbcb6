import { escapeHtml } from "./html-escape.ts";

/** Styles shared by the release page and the site: readable, high contrast, prints cleanly. */
export const STYLE = `
:root { color-scheme: light; }
body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif; color: #1a1a1a;
  background: #fff; line-height: 1.7; margin: 0 auto; max-width: 60rem; padding: 0 1rem 3rem; }
a { color: #1f4e9a; } a:focus { outline: 3px solid #8a5a00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .25rem .5rem; }
header { border-bottom: 2px solid #1f4e9a; margin-bottom: 1.5rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .95rem; }
th, td { border: 1px solid #8c8c8c; padding: .25rem .6rem; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #e8eef8; }
figure.chart { margin: 1.5rem 0; } figcaption { font-weight: bold; }
.chart-svg svg { max-width: 100%; height: auto; }
.en { color: #333; } hr { border: 0; border-top: 1px solid #8c8c8c; margin: 2rem 0; }
@media print { .skip, nav { display: none; } figure.chart { break-inside: avoid; } }
`;

/** A complete, self-contained page: no scripts, no external resources. */
export function page(opts: { title: string; lang?: string; body: string; nav?: string }): string {
  return `<!doctype html>
<html lang="${opts.lang ?? "zh-CN"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">跳到正文 <span lang="en">Skip to content</span></a>
${opts.nav ?? ""}
<main id="main">
${opts.body}
</main>
</body>
</html>
`;
}
