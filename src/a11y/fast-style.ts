import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * A cheaper `getComputedStyle` for the jsdom pass. jsdom computes the whole cascade of every
 * property for each element it is asked about (and parses each declaration again on the way):
 * on real portal pages that is 2–6 ms per element and most of the pass. axe's static rules
 * read a handful of properties, all about whether an element is hidden; those are cascaded
 * here from the same CSSOM (same rule order, media evaluation, specificity and !important as
 * jsdom), and anything else falls through to jsdom's own implementation.
 */
const FAST: Record<string, { initial: string; inherited: boolean }> = {
  display: { initial: "inline", inherited: false },
  visibility: { initial: "visible", inherited: true },
  "content-visibility": { initial: "visible", inherited: false },
  opacity: { initial: "1", inherited: false },
  position: { initial: "static", inherited: false },
  overflow: { initial: "visible", inherited: false },
  clip: { initial: "auto", inherited: false },
  "clip-path": { initial: "none", inherited: false },
  height: { initial: "auto", inherited: false },
  width: { initial: "auto", inherited: false },
  direction: { initial: "ltr", inherited: true },
};

interface Decl {
  selector: string;
  /** Last compound's id/class/tag, when the selector list is one simple chain: a cheap pre-check. */
  key: { id?: string; cls?: string; tag?: string } | null;
  value: string;
  important: boolean;
  specificity: number;
  order: number;
}

/** Specificity as one number (a·10⁶ + b·10³ + c), of the most specific selector in a list. */
export function specificity(selectorList: string): number {
  let best = 0;
  for (const sel of splitList(selectorList)) {
    // :where() counts nothing; :is()/:not()/:has() count their argument, approximated as written.
    const s = sel
      .replace(/:where\((?:[^()]|\([^()]*\))*\)/g, "")
      .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, "");
    const a = (s.match(/#[\w-]+/g) ?? []).length;
    const b =
      (s.match(/\.[\w-]+/g) ?? []).length +
      (s.match(/\[[^\]]*\]/g) ?? []).length +
      (s.match(/(?<!:):(?!not\(|is\(|has\()[\w-]+/g) ?? []).length;
    const c =
      (s.replace(/\[[^\]]*\]/g, "").match(/(?:^|[\s>+~(,])[a-zA-Z][\w-]*/g) ?? []).length +
      (s.match(/::[\w-]+/g) ?? []).length;
    best = Math.max(best, a * 1_000_000 + b * 1000 + c);
  }
  return best;
}

function splitList(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of list) {
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function keyOf(selectorList: string): Decl["key"] {
  const list = splitList(selectorList);
  if (list.length !== 1) return null;
  // Attribute values and arguments may hold spaces and combinators: blank them out first.
  const flat = (list[0] as string).replace(/\[[^\]]*\]/g, "[]").replace(/\((?:[^()]|\([^()]*\))*\)/g, "()");
  const last = flat.split(/[\s>+~]+/).pop() ?? "";
  if (/[:[]/.test(last)) {
    const head = last.split(/[:[]/)[0] ?? "";
    return keyOfCompound(head);
  }
  return keyOfCompound(last);
}

function keyOfCompound(c: string): Decl["key"] {
  const id = /#([\w-]+)/.exec(c)?.[1];
  if (id) return { id };
  const cls = /\.([\w-]+)/.exec(c)?.[1];
  if (cls) return { cls };
  const tag = /^([a-zA-Z][\w-]*)/.exec(c)?.[1];
  return tag ? { tag: tag.toLowerCase() } : null;
}

const mediaMatches = (media: ArrayLike<string>) => {
  const list = Array.from(media);
  return list.length === 0 || list.some((q) => q === "all" || q === "screen");
};

interface CssRuleLike {
  type: number;
  selectorText?: string;
  style?: { getPropertyValue(p: string): string; getPropertyPriority(p: string): string };
  media?: ArrayLike<string>;
  cssRules?: ArrayLike<CssRuleLike>;
  styleSheet?: { cssRules: ArrayLike<CssRuleLike> } | null;
}

function collect(rules: ArrayLike<CssRuleLike>, into: Map<string, Decl[]>, counter: { n: number }): void {
  for (const r of Array.from(rules)) {
    if (r.type === 1 && r.selectorText && r.style) {
      const order = counter.n++;
      let spec = -1;
      for (const prop of Object.keys(FAST)) {
        const value = r.style.getPropertyValue(prop);
        if (!value) continue;
        if (spec < 0) spec = specificity(r.selectorText);
        const list = into.get(prop) ?? [];
        list.push({
          selector: r.selectorText,
          key: keyOf(r.selectorText),
          value: value.trim(),
          important: r.style.getPropertyPriority(prop) === "important",
          specificity: spec,
          order,
        });
        into.set(prop, list);
      }
    } else if (r.type === 4 && r.media && r.cssRules) {
      if (mediaMatches(r.media)) collect(r.cssRules, into, counter);
    } else if (r.type === 3 && r.media && r.styleSheet) {
      if (mediaMatches(r.media)) collect(r.styleSheet.cssRules, into, counter);
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: jsdom window and elements are untyped across realms here.
type Win = any;
// biome-ignore lint/suspicious/noExplicitAny: as above.
type El = any;

let uaDecls: Map<string, Decl[]> | null = null;

/** jsdom's own default stylesheet, read once and reduced to the properties we cascade. */
function uaDeclarations(win: Win): Map<string, Decl[]> {
  if (uaDecls) return uaDecls;
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("jsdom/package.json"));
  const css = readFileSync(join(root, "lib", "jsdom", "browser", "default-stylesheet.css"), "utf8");
  const sheet = new win.CSSStyleSheet();
  sheet.replaceSync(css);
  const m = new Map<string, Decl[]>();
  collect(sheet.cssRules, m, { n: 0 });
  uaDecls = m;
  return m;
}

function mightMatch(d: Decl, el: El): boolean {
  const k = d.key;
  if (!k) return true;
  if (k.id !== undefined) return el.id === k.id;
  if (k.cls !== undefined) return el.classList.contains(k.cls);
  return el.localName === k.tag;
}

function safeMatches(el: El, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** Installs the fast path on a jsdom window (before axe runs; the DOM does not change after). */
export function installFastComputedStyle(win: Win): void {
  const original = win.getComputedStyle.bind(win);
  const ua = uaDeclarations(win);
  const page = new Map<string, Decl[]>();
  collect(
    Array.from(win.document.styleSheets as ArrayLike<{ cssRules: ArrayLike<CssRuleLike> }>).flatMap((s) =>
      Array.from(s.cssRules),
    ),
    page,
    { n: 0 },
  );
  const cache = new WeakMap<object, Map<string, string>>();

  const cascade = (el: El, prop: string): string => {
    let own = cache.get(el);
    if (!own) {
      own = new Map();
      cache.set(el, own);
    }
    const hit = own.get(prop);
    if (hit !== undefined) return hit;
    const spec = FAST[prop] as { initial: string; inherited: boolean };
    // Origin/importance bands as in jsdom: UA, then page, inline; !important above all of them.
    let best: { band: number; specificity: number; order: number; value: string } | null = null;
    const consider = (list: Decl[] | undefined, origin: number) => {
      for (const d of list ?? []) {
        const band = (d.important ? 10 : 0) + origin;
        if (best && (band < best.band || (band === best.band && d.specificity < best.specificity))) continue;
        if (!mightMatch(d, el) || !safeMatches(el, d.selector)) continue;
        if (
          !best ||
          band > best.band ||
          d.specificity > best.specificity ||
          (d.specificity === best.specificity && d.order >= best.order)
        )
          best = { band, specificity: d.specificity, order: d.order, value: d.value };
      }
    };
    consider(ua.get(prop), 0);
    consider(page.get(prop), 1);
    const inline = el.style?.getPropertyValue?.(prop) as string | undefined;
    if (inline) {
      const important = el.style.getPropertyPriority(prop) === "important";
      const cur = best as { band: number } | null;
      if (important || !cur || cur.band < 10)
        best = { band: 99, specificity: 0, order: 0, value: inline.trim() };
    }
    let value = (best as { value: string } | null)?.value ?? "";
    const parent = el.parentElement;
    if (value === "inherit" || ((value === "" || value === "unset") && spec.inherited))
      value = parent ? cascade(parent, prop) : spec.initial;
    else if (value === "" || value === "initial" || value === "unset") value = spec.initial;
    own.set(prop, value);
    return value;
  };

  win.getComputedStyle = (el: El, pseudo?: string | null) => {
    if (pseudo) return original(el, pseudo);
    let full: { getPropertyValue(p: string): string } | null = null;
    const real = () => {
      full ??= original(el);
      return full as { getPropertyValue(p: string): string } & Record<string | symbol, unknown>;
    };
    const target = {
      getPropertyValue: (p: string) => (p in FAST ? cascade(el, p) : real().getPropertyValue(p)),
    };
    return new Proxy(target, {
      get(t, k) {
        if (k === "getPropertyValue") return t.getPropertyValue;
        const v = Reflect.get(real(), k);
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(real()) : v;
      },
    });
  };
}
