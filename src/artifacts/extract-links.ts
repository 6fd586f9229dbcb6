import { Parser } from "htmlparser2";
import { LINK_ATTRS, MAX_NESTING, type PageFacts } from "./extract.ts";

const TOO_DEEP = new Error("nested too deep");

/**
 * What crawling alone needs of a page (title, `<base>`, meta tags and links), nothing the content
 * checks read. It is the crawl-only baseline of the crawl benchmark: the cost of the checks'
 * page reading is the difference between the two.
 */
export function extractLinks(html: string): Pick<PageFacts, "title" | "base" | "meta" | "links"> {
  const out: Pick<PageFacts, "title" | "base" | "meta" | "links"> = {
    title: null,
    base: null,
    meta: {},
    links: [],
  };
  let inTitle = false;
  let depth = 0;
  let title = "";
  const p = new Parser(
    {
      onopentag(name, attrs) {
        if (++depth > MAX_NESTING) throw TOO_DEEP;
        if (name === "title" && out.title === null) inTitle = true;
        else if (name === "base" && attrs.href && out.base === null) out.base = attrs.href;
        else if (name === "meta") {
          const key = (attrs.name ?? attrs["http-equiv"] ?? attrs.property ?? "").toLowerCase();
          if (key && attrs.content !== undefined && !(key in out.meta)) out.meta[key] = attrs.content;
        } else {
          const attr = LINK_ATTRS.get(name);
          if (!attr) return;
          if (name === "link" && !/stylesheet|icon/i.test(attrs.rel ?? "")) return;
          const v = attrs[attr];
          if (v) out.links.push({ tag: name, href: v });
        }
      },
      ontext(t) {
        if (inTitle) title += t;
      },
      onclosetag(name) {
        depth--;
        if (name === "title" && inTitle) {
          inTitle = false;
          out.title = title.replace(/\s+/g, " ").trim();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  try {
    p.end(html);
  } catch (e) {
    if (e !== TOO_DEEP) throw e;
  }
  return out;
}
