import { escapeHtml } from "./html-escape.ts";

/**
 * A small Markdown renderer for releases: ATX headings, paragraphs, lists, block quotes, **bold**,
 * `code` and [links](https://…). It escapes all text and passes no raw HTML through (HTML comments
 * in a template are dropped), so names from a scores file can never become markup. `headingShift`
 * moves headings down when the release sits inside a page that has its own h1.
 */
export function markdownToHtml(markdown: string, headingShift = 0): string {
  const text = markdown.replace(/<!--[\s\S]*?-->/g, "");
  const blocks = text.split(/\n\s*\n/);
  const out: string[] = [];
  for (const raw of blocks) {
    const block = raw.trim();
    if (!block) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(block);
    if (heading && !block.includes("\n")) {
      const level = Math.min(6, (heading[1] as string).length + headingShift);
      out.push(`<h${level}>${inline(heading[2] as string)}</h${level}>`);
      continue;
    }
    const lines = block.split("\n");
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      out.push(`<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*]\s+/, ""))}</li>`).join("")}</ul>`);
      continue;
    }
    if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
      out.push(
        `<ol>${lines.map((l) => `<li>${inline(l.replace(/^\s*\d+[.)]\s+/, ""))}</li>`).join("")}</ol>`,
      );
      continue;
    }
    if (lines.every((l) => l.startsWith(">"))) {
      out.push(
        `<blockquote><p>${inline(lines.map((l) => l.replace(/^>\s?/, "")).join(" "))}</p></blockquote>`,
      );
      continue;
    }
    out.push(`<p>${inline(lines.join(" "))}</p>`);
  }
  return out.join("\n");
}

function inline(text: string): string {
  let html = escapeHtml(text);
  html = html.replace(/`([^`]+)`/g, "<code>$1</code>");
  html = html.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
  // Only http(s) targets become links; the URL was escaped with the rest of the text.
  html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2">$1</a>');
  return html;
}
