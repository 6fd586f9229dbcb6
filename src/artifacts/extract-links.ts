import { Parser } from "htmlparser2";
import { LINK_ATTR, type PageFacts } from "./extract.ts";

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
  let title = "";
  const p = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "title" && out.title === null) inTitle = true;
        else if (name === "base" && attrs.href && out.base === null) out.base = attrs.href;
        else if (name === "meta") {
          const key = (attrs.name ?? attrs["http-equiv"] ?? attrs.property ?? "").toLowerCase();
          if (key && attrs.content !== undefined && !(key in out.meta)) out.meta[key] = attrs.content;
        } else {
          const attr = LINK_ATTR[name];
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
        if (name === "title" && inTitle) {
          inTitle = false;
          out.title = title.replace(/\s+/g, " ").trim();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  p.end(html);
  return out;
}
