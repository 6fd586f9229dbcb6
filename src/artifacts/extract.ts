import { Parser } from "htmlparser2";

export interface RawLink {
  /** Element the link came from: a, img, link, script, iframe, frame, area, form, source, embed. */
  tag: string;
  href: string;
}

/** Facts read off one HTML page; later checks add fields here, the engine does not change. */
export interface PageFacts {
  title: string | null;
  base: string | null;
  /** `<meta name|http-equiv=… content=…>`, names lower-cased; first occurrence wins. */
  meta: Record<string, string>;
  links: RawLink[];
}

const LINK_ATTR: Record<string, string> = {
  a: "href",
  area: "href",
  link: "href",
  img: "src",
  script: "src",
  iframe: "src",
  frame: "src",
  embed: "src",
  source: "src",
  form: "action",
};

/** Streaming parse (htmlparser2) of decoded HTML into facts. */
export function extractFacts(html: string): PageFacts {
  const facts: PageFacts = { title: null, base: null, meta: {}, links: [] };
  let inTitle = false;
  let title = "";
  const p = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "title" && facts.title === null) {
          inTitle = true;
          return;
        }
        if (name === "base" && attrs.href && facts.base === null) facts.base = attrs.href;
        if (name === "meta") {
          const key = (attrs.name ?? attrs["http-equiv"] ?? attrs.property ?? "").toLowerCase();
          if (key && attrs.content !== undefined && !(key in facts.meta)) facts.meta[key] = attrs.content;
          return;
        }
        const attr = LINK_ATTR[name];
        if (attr) {
          const v = attrs[attr];
          // `<link rel=…>` other than stylesheets/icons points at nothing fetchable for us.
          if (name === "link" && !/stylesheet|icon/i.test(attrs.rel ?? "")) return;
          if (v) facts.links.push({ tag: name, href: v });
        }
      },
      ontext(t) {
        if (inTitle) title += t;
      },
      onclosetag(name) {
        if (name === "title" && inTitle) {
          inTitle = false;
          facts.title = title.replace(/\s+/g, " ").trim();
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  p.write(html);
  p.end();
  return facts;
}
