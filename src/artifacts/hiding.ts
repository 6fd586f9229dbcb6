// What hides an element from a reader, as far as a page's own markup says: its `style` attribute,
// its `hidden` attribute and the rules of its `<style>` blocks whose selectors are simple (a tag,
// #id, .class, compounds of those and descendant combinations of compounds). Not evaluated:
// external stylesheets, scripts, rules inside @media and other at-rules, any other selector
// (child, sibling, attribute, pseudo-classes such as :hover), and specificity beyond counting ids,
// classes and tags. What is not evaluated never hides anything: the reading errs towards visible.

/** What one declaration block (a rule's or a `style` attribute's) says, property by property. */
export interface Decl {
  /** display:none (true), another display (false). */
  none?: boolean;
  /** visibility:hidden|collapse (true), visible (false). */
  invisible?: boolean;
  /** Moved off the screen: position absolute|fixed with left/top ≤ -500px, or a margin that far. */
  offscreen?: boolean;
  /** width or height 0 with overflow:hidden. */
  zero?: boolean;
  /** opacity 0. */
  transparent?: boolean;
  /** font-size 0 (true), another font size (false). */
  font0?: boolean;
  /** text-indent ≤ -500px without a background image (image replacement shows the image). */
  indent?: boolean;
  /** color, normalised (#rrggbb). */
  color?: string;
  /** The background: a colour (#rrggbb), "image" (an image or gradient: unknown), "clear" (transparent). */
  bg?: string;
}

const FAR = -500;

/** A length in px (em and rem taken as 16px), null when it is not one. */
function px(v: string): number | null {
  const m = /^(-?\d*\.?\d+)(px|em|rem|pt)?$/.exec(v.trim());
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] === "em" || m[2] === "rem") return n * 16;
  if (m[2] === "pt") return (n * 4) / 3;
  return m[2] === undefined && n !== 0 ? null : n;
}

const NAMED: Record<string, string> = {
  white: "#ffffff",
  black: "#000000",
  red: "#ff0000",
  green: "#008000",
  blue: "#0000ff",
  yellow: "#ffff00",
  gray: "#808080",
  grey: "#808080",
  silver: "#c0c0c0",
  navy: "#000080",
  maroon: "#800000",
  orange: "#ffa500",
};

/** A colour as #rrggbb; "clear" for a transparent one; null when it is not a colour we read. */
export function normColor(v: string): string | null {
  const s = v.trim().toLowerCase();
  if (s === "transparent") return "clear";
  const named = NAMED[s];
  if (named) return named;
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) {
    const [r, g, b] = (m[1] as string).split("");
    return `#${r}${r}${g}${g}${b}${b}`;
  }
  m = /^#([0-9a-f]{6})$/.exec(s);
  if (m) return s;
  m = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(s);
  if (m) {
    if (m[4] !== undefined && Number(m[4]) === 0) return "clear";
    if (m[4] !== undefined && Number(m[4]) < 1) return null;
    const hex = [m[1], m[2], m[3]].map((c) => Math.min(255, Number(c)).toString(16).padStart(2, "0"));
    return `#${hex.join("")}`;
  }
  return null;
}

/** The background a `background` shorthand or `background-color` value paints. */
function background(v: string): string | undefined {
  const s = v.toLowerCase();
  if (/url\(|gradient\(/.test(s)) return "image";
  if (/^\s*(?:none|transparent|initial|inherit|unset)\s*$/.test(s)) return "clear";
  for (const tok of s.match(/#[0-9a-f]{3,6}\b|rgba?\([^)]*\)|[a-z]+/g) ?? []) {
    const c = normColor(tok);
    if (c) return c;
  }
  return undefined;
}

const PROPS =
  /(?:^|[;{\s])(display|visibility|position|left|top|margin-left|margin-top|overflow|width|height|opacity|font-size|text-indent|color|background|background-color|background-image)\s*:\s*([^;}]*)/gi;
const IMPORTANT = /!\s*important/i;

/** Reads a declaration block; null when it says nothing we look at. */
export function parseDecl(text: string): Decl | null {
  const d: Decl = {};
  let any = false;
  let position = "";
  let far = false;
  let overflowHidden = false;
  let zeroSide = false;
  let indentFar = false;
  let image = false;
  // Only the properties read here: the others (fonts, padding, borders…) are skipped unread.
  PROPS.lastIndex = 0;
  for (let m = PROPS.exec(text); m; m = PROPS.exec(text)) {
    const prop = (m[1] as string).toLowerCase();
    const value = (m[2] as string).replace(IMPORTANT, "").trim().toLowerCase();
    switch (prop) {
      case "display":
        d.none = value === "none";
        any = true;
        break;
      case "visibility":
        d.invisible = value === "hidden" || value === "collapse";
        any = true;
        break;
      case "position":
        position = value;
        break;
      case "left":
      case "top": {
        const n = px(value);
        if (n !== null && n <= FAR) far = true;
        break;
      }
      case "margin-left":
      case "margin-top": {
        const n = px(value);
        if (n !== null && n <= FAR) any = d.offscreen = true;
        break;
      }
      case "overflow":
        overflowHidden = value === "hidden" || value === "clip";
        break;
      case "width":
      case "height":
        if (px(value) === 0) zeroSide = true;
        break;
      case "opacity":
        if (Number(value) === 0 && value !== "") any = d.transparent = true;
        break;
      case "font-size": {
        d.font0 = px(value) === 0;
        any = true;
        break;
      }
      case "text-indent": {
        const n = px(value);
        if (n !== null && n <= FAR) indentFar = true;
        break;
      }
      case "color": {
        const c = normColor(value);
        if (c && c !== "clear") {
          d.color = c;
          any = true;
        }
        break;
      }
      case "background":
      case "background-color": {
        const b = background(value);
        if (b === "image") image = true;
        if (b) {
          d.bg = b;
          any = true;
        }
        break;
      }
      case "background-image":
        if (value !== "none") {
          image = true;
          d.bg = "image";
          any = true;
        }
        break;
    }
  }
  if (far && (position === "absolute" || position === "fixed")) any = d.offscreen = true;
  if (zeroSide && overflowHidden) any = d.zero = true;
  if (indentFar && !image) any = d.indent = true;
  return any ? d : null;
}

const inlineMemo = new Map<string, Decl | null>();
const INLINE_MEMO = 4096;

/** A style attribute's declarations: pages repeat the same few on many elements, read once each. */
function inlineDecl(style: string): Decl | null {
  let d = inlineMemo.get(style);
  if (d === undefined) {
    d = parseDecl(style);
    if (inlineMemo.size >= INLINE_MEMO) inlineMemo.clear();
    inlineMemo.set(style, d);
  }
  return d;
}

/** One compound selector: a tag, an id, classes (any of them absent). */
export interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
}

/** A rule of a `<style>` block with a simple selector. */
export interface SheetRule {
  /** Ancestors first, the element the rule applies to last. */
  parts: Compound[];
  /** ids, classes, tags, as CSS counts them. */
  specificity: number;
  order: number;
  decl: Decl;
  selector: string;
}

const COMPOUND = /^([a-z][a-z0-9]*)?((?:[#.][\w-]+)*)$/i;

/** A selector as a list of compounds, null when it is not simple (see the top of this file). */
export function parseSelector(sel: string): { parts: Compound[]; specificity: number } | null {
  const words = sel.trim().split(/\s+/);
  if (words.length === 0 || words[0] === "") return null;
  const parts: Compound[] = [];
  let specificity = 0;
  for (const w of words) {
    const m = COMPOUND.exec(w);
    if (!m || (!m[1] && !m[2])) return null;
    const c: Compound = { classes: [] };
    if (m[1]) {
      c.tag = m[1].toLowerCase();
      specificity += 1;
    }
    for (const t of (m[2] ?? "").match(/[#.][\w-]+/g) ?? []) {
      if (t[0] === "#") {
        if (c.id !== undefined) return null;
        c.id = t.slice(1);
        specificity += 10_000;
      } else {
        c.classes.push(t.slice(1));
        specificity += 100;
      }
    }
    parts.push(c);
  }
  return { parts, specificity };
}

/**
 * The rules of a style sheet's text that say something we look at and have simple selectors.
 * Comments are dropped, at-rule blocks (@media, @font-face…) skipped whole.
 */
export function parseSheet(css: string, firstOrder = 0, reveals?: Set<string>): SheetRule[] {
  const text = css.indexOf("/*") >= 0 ? css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, " ") : css;
  const rules: SheetRule[] = [];
  let at = 0;
  let order = firstOrder;
  while (at < text.length) {
    const open = text.indexOf("{", at);
    if (open < 0) break;
    const prelude = text.slice(at, open).trim();
    if (prelude.startsWith("@") || prelude.includes("@")) {
      // Skip the block, nested blocks and all.
      let depth = 1;
      let k = open + 1;
      for (; k < text.length && depth > 0; k++) {
        const ch = text.charCodeAt(k);
        if (ch === 0x7b) depth++;
        else if (ch === 0x7d) depth--;
      }
      // What a media query or the like shows again is not hidden for every reader.
      if (reveals && /^@media\b/i.test(prelude)) revealed(text.slice(open + 1, k - 1), reveals);
      at = k;
      continue;
    }
    const close = text.indexOf("}", open + 1);
    const end = close < 0 ? text.length : close;
    const body = text.slice(open + 1, end);
    at = end + 1;
    if (body.includes("{")) continue; // malformed: a block inside a declaration block
    const decl = parseDecl(body);
    if (!decl) continue;
    for (const sel of prelude.split(",")) {
      const s = parseSelector(sel);
      if (s) rules.push({ ...s, order: order++, decl, selector: sel.trim() });
      else if (reveals && (decl.none === false || decl.invisible === false)) subjectNames(sel, reveals);
    }
  }
  return rules;
}

/** The names of the elements the rules of a block (a media query's) show: display other than none, visibility:visible. */
function revealed(block: string, reveals: Set<string>): void {
  const inner = new Set<string>();
  for (const r of parseSheet(block, 0, inner))
    if (r.decl.none === false || r.decl.invisible === false) subjectNames(r.selector, reveals);
  for (const n of inner) reveals.add(n);
}

/**
 * The tag, classes and id of a selector's last compound, pseudo-classes dropped: `.nav li:hover ul`
 * shows the `ul`s, `.menu:hover .sub` the `.sub`s.
 */
function subjectNames(sel: string, reveals: Set<string>): void {
  const parts = sel.trim().split(/\s*[\s>+~]\s*/);
  const last = (parts[parts.length - 1] ?? "").replace(/::?[\w-]+(?:\([^)]*\))?|\[[^\]]*\]/g, "");
  const m = /^([a-z][a-z0-9]*)?((?:[#.][\w-]+)*)$/i.exec(last);
  if (!m) return;
  if (m[1] && !m[2]) reveals.add(m[1].toLowerCase());
  for (const t of m[2]?.match(/[#.][\w-]+/g) ?? []) reveals.add(t);
}

const bySpecificity = (a: SheetRule, b: SheetRule) => a.specificity - b.specificity || a.order - b.order;

/** Whether rules elsewhere (a media query, :hover) may show what this rule hides. */
function mayReveal(r: SheetRule, reveals: Set<string>): boolean {
  if (reveals.size === 0) return false;
  const c = r.parts[r.parts.length - 1] as Compound;
  if (c.id !== undefined && reveals.has(`#${c.id}`)) return true;
  for (const k of c.classes) if (reveals.has(`.${k}`)) return true;
  return c.tag !== undefined && c.id === undefined && c.classes.length === 0 && reveals.has(c.tag);
}

/** Where a hidden element's hiding comes from. */
interface Why {
  how: string;
  /** "style attribute", "hidden attribute" or the rule's selector (`.hide`). */
  by: string;
  /** The element it is declared on (`div`), and whether that is an ancestor of the link. */
  tag: string;
  depth: number;
  /** The element itself (for `isMenu`). */
  frame?: Frame;
}

/** An element as its descendants see it: what hides it, its colour and background. */
interface Look {
  /** display:none, off-screen, zero size, opacity 0, the hidden attribute: no descendant undoes it. */
  hard: Why | null;
  invisible: Why | null;
  font0: Why | null;
  indent: Why | null;
  color: { value: string; why: Why } | null;
  bg: { value: string; why: Why } | null;
}

/**
 * Rules a page may make us follow, at most, and under one tag, id or class: each element is
 * matched against the rules of its names, each up its ancestors, so a page of crafted rules could
 * otherwise cost rules × elements × depth. The 69 real pages of ../shared/data/govpages have
 * 1,037 such rules between them. Rules past these are not evaluated (their elements count as visible).
 */
export const MAX_RULES = 2_000;
export const MAX_RULES_PER_KEY = 200;
/**
 * Ancestor comparisons a page may cost, at most (the 69 real pages take about 212,000 between
 * them); past it, descendant rules no longer apply (their elements count as visible).
 */
export const MAX_STEPS = 2_000_000;

const NO_CLASSES: string[] = [];
const SPACE = /\s/;

const VISIBLE: Look = { hard: null, invisible: null, font0: null, indent: null, color: null, bg: null };

/** How a link is hidden, for its finding. */
export interface Hiding {
  how: string;
  by: string;
  /** "link" when declared on the link itself, else the ancestor's tag. */
  on: string;
}

/** The element a hiding is declared on, to ask `Visibility.isMenu` once the page is read. */
export type HidingOwner = object;

/**
 * What a sheet must say somewhere for any of its rules to hide a link: display:none, visibility,
 * opacity 0, font-size 0, a far negative offset, a zero width or height, or a background (for a
 * colour equal to it). Most sheets say none of it (colours, margins, fonts): they are not parsed.
 * Errs towards parsing (font-size:0.9em passes).
 */
const MAY_HIDE =
  /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|opacity\s*:\s*0*\.?0*\s*(?:[;}!]|$)|font-size\s*:\s*0|-\s*\d{3,}|(?:width|height)\s*:\s*0|background/i;

/**
 * Parsed sheets by their text: a site repeats the same <style> blocks on every page, and parsing
 * them was most of what reading the styles cost. Bounded by count and by characters held.
 */
const sheets = new Map<string, { rules: SheetRule[]; reveals: string[] }>();
let sheetChars = 0;
const MAX_SHEETS = 64;
const MAX_SHEET_CHARS = 4 * 1024 * 1024;

function parsedSheet(css: string): { rules: SheetRule[]; reveals: string[] } | null {
  const known = sheets.get(css);
  if (known) return known;
  if (!MAY_HIDE.test(css)) return null;
  const reveals = new Set<string>();
  const out = { rules: parseSheet(css, 0, reveals), reveals: [...reveals] };
  if (sheets.size >= MAX_SHEETS || sheetChars + css.length > MAX_SHEET_CHARS) {
    sheets.clear();
    sheetChars = 0;
  }
  // A copy of the key: the page's text it was cut from is not kept alive by the cache.
  sheets.set(` ${css}`.slice(1), out);
  sheetChars += css.length;
  return out;
}

/** An element open at the moment: what it says of itself, and how it looks once asked. */
interface Frame {
  tag: string;
  id: string | undefined;
  cls: string | undefined;
  style: string | undefined;
  hidden: boolean;
  /** Its tag, classes and id for matching (made when first needed). */
  compound?: Compound;
  /** How it looks to its descendants (worked out when a link below it is asked about). */
  look?: Look;
  /** Links in it so far (final once it is closed), and those of them that cannot be 暗链. */
  links: number;
  plain: number;
  /** The element it is in. */
  up: Frame | undefined;
}

/**
 * Names (class, id) of the page widgets that hide what a click or hover shows: dropdowns, menus,
 * tabs, pop-ups. A block of outside links hidden in one of them is a menu (新闻媒体网站 ▾), not 暗链.
 */
const WIDGET =
  /drop|menu|nav|sub|tab|collaps|toggle|pop|modal|layer|select|expand|accordion|more|hover|slide/i;

/**
 * Follows the page's elements as the parser opens and closes them: `open` and `close` for every
 * element, in order, and `hiding` for a link being read. Opening an element only notes it: how an
 * element looks is worked out when a link under it is asked about, and then kept for its other
 * descendants. Most elements of a page have no link anyone asks about (only links that leave the
 * government's hosts are), and working every element out cost the reading of a page 10–20 %.
 */
export class Visibility {
  private readonly frames: Frame[] = [];
  private readonly byId = new Map<string, SheetRule[]>();
  private readonly byClass = new Map<string, SheetRule[]>();
  private readonly byTag = new Map<string, SheetRule[]>();
  private rules = 0;
  /** Ancestors compared while matching rules (counted by the path's length, an upper bound). */
  private steps = 0;
  /** Elements (`.class`, `#id`, `tag`) that a media query or a :hover rule shows. */
  private readonly reveals = new Set<string>();

  addSheet(css: string): void {
    const sheet = parsedSheet(css);
    if (!sheet) return;
    for (const n of sheet.reveals) this.reveals.add(n);
    const offset = this.rules;
    for (const cached of sheet.rules) {
      if (this.rules >= MAX_RULES) return;
      this.rules++;
      // The page's own order: rules of later sheets win ties over earlier ones.
      const r = offset === 0 ? cached : { ...cached, order: cached.order + offset };
      const last = r.parts[r.parts.length - 1] as Compound;
      const [map, key] =
        last.id !== undefined
          ? [this.byId, last.id]
          : last.classes.length > 0
            ? [this.byClass, last.classes[0] as string]
            : [this.byTag, last.tag as string];
      const list = map.get(key);
      if (!list) map.set(key, [r]);
      else if (list.length < MAX_RULES_PER_KEY) list.push(r);
    }
  }

  open(tag: string, attrs: Record<string, string>): void {
    this.frames.push({
      tag,
      id: attrs.id,
      cls: attrs.class,
      style: attrs.style,
      hidden: attrs.hidden !== undefined,
      links: 0,
      plain: 0,
      up: this.frames[this.frames.length - 1],
    });
  }

  close(): void {
    const f = this.frames.pop();
    const parent = this.frames[this.frames.length - 1];
    if (f && parent && f.links > 0) {
      parent.links += f.links;
      parent.plain += f.plain;
    }
  }

  /** A link (`<a href>`) opened last: counted for the elements it is in (see `isMenu`). */
  countLink(href: string): void {
    const f = this.frames[this.frames.length - 1];
    if (!f) return;
    f.links++;
    if (!mayBeHiddenLink(href)) f.plain++;
  }

  /**
   * Whether a hidden element is a menu: most of its links lead within the site or to government
   * sites (a 友情链接 dropdown that also lists 新华社 or 中国社会科学院), or it is (the hidden part of) a
   * widget a click shows (`class="dropdown-menu"`: 新闻媒体网站 ▾). 暗链 are blocks of outside links
   * hidden for good. Asked once the page is read, when every element's links are counted.
   */
  isMenu(owner: HidingOwner | undefined): boolean {
    const f = owner as Frame | undefined;
    if (f === undefined) return false;
    if (f.links >= 3 && f.plain * 2 >= f.links) return true;
    // A widget's hidden part, or the part of one: the element or the one it is in names it so.
    const named = (x: Frame | undefined) => x !== undefined && WIDGET.test(`${x.cls ?? ""} ${x.id ?? ""}`);
    return named(f) || named(f.up);
  }

  /**
   * How the element open last (a link) is hidden, null when it is not. `hasImage`: the link shows
   * an image, which font size, text indent and colour do not hide.
   */
  hiding(hasImage: boolean): (Hiding & { owner?: HidingOwner }) | null {
    if (this.frames.length === 0) return null;
    const depth = this.frames.length;
    const look = this.lookAt(depth - 1);
    const out = (w: Why, how = w.how): Hiding & { owner?: HidingOwner } => ({
      how,
      by: w.by,
      on: w.depth >= depth ? "link" : w.tag,
      ...(w.frame ? { owner: w.frame } : {}),
    });
    if (look.hard) return out(look.hard);
    if (look.invisible) return out(look.invisible);
    if (hasImage) return null;
    if (look.font0) return out(look.font0);
    if (look.indent) return out(look.indent);
    if (look.color && look.bg && look.color.value === look.bg.value) {
      const c = look.color.why;
      return {
        how: `color ${look.color.value} on background ${look.bg.value}`,
        by: c.by,
        on: c.depth >= depth ? "link" : c.tag,
      };
    }
    return null;
  }

  /** How the element at `i` of the open ones looks, its ancestors first (each worked out once). */
  private lookAt(i: number): Look {
    const f = this.frames[i] as Frame;
    if (f.look) return f.look;
    // Iteratively from the nearest ancestor already worked out: a page may nest deep.
    let from = i;
    while (from > 0 && !(this.frames[from - 1] as Frame).look) from--;
    let look = from > 0 ? ((this.frames[from - 1] as Frame).look as Look) : VISIBLE;
    for (let k = from; k <= i; k++) {
      look = this.work(k, look);
      (this.frames[k] as Frame).look = look;
    }
    return look;
  }

  /** What hides or colours the element at `k`, given how its parent looks. */
  private work(k: number, parent: Look): Look {
    const f = this.frames[k] as Frame;
    const tag = f.tag;
    const depth = k + 1;
    const frame = f;
    const matched = this.rules > 0 ? this.match(k) : null;
    if (!matched && f.style === undefined && !f.hidden) return parent;
    // Rules by specificity, then in sheet order; the style attribute last.
    const decls: { decl: Decl; by: string }[] = [];
    if (matched) {
      if (matched.length > 1) matched.sort(bySpecificity);
      for (const r of matched) {
        const d = r.decl;
        if ((d.none || d.invisible) && mayReveal(r, this.reveals)) {
          const { none: _n, invisible: _i, ...rest } = d;
          decls.push({ decl: rest, by: r.selector });
        } else decls.push({ decl: d, by: r.selector });
      }
    }
    if (f.style) {
      const d = inlineDecl(f.style);
      if (d) decls.push({ decl: d, by: "style attribute" });
    }
    if (decls.length === 0 && !f.hidden) return parent;
    const look: Look = { ...parent };
    let none: Why | null | undefined;
    let invisible: Why | null | undefined;
    let font0: Why | null | undefined;
    let hard: Why | null = null;
    for (const { decl: d, by } of decls) {
      if (d.none !== undefined) none = d.none ? { how: "display:none", by: by, tag, depth, frame } : null;
      if (d.invisible !== undefined)
        invisible = d.invisible ? { how: "visibility:hidden", by: by, tag, depth, frame } : null;
      if (d.font0 !== undefined) font0 = d.font0 ? { how: "font-size:0", by: by, tag, depth, frame } : null;
      if (d.offscreen) hard ??= { how: "off-screen", by: by, tag, depth, frame };
      if (d.zero) hard ??= { how: "zero size", by: by, tag, depth, frame };
      if (d.transparent) hard ??= { how: "opacity:0", by: by, tag, depth, frame };
      if (d.indent) look.indent = { how: "text-indent", by: by, tag, depth, frame };
      if (d.color)
        look.color = { value: d.color, why: { how: `color ${d.color}`, by: by, tag, depth, frame } };
      if (d.bg && d.bg !== "clear")
        look.bg = { value: d.bg, why: { how: `background ${d.bg}`, by: by, tag, depth, frame } };
    }
    if (f.hidden && none === undefined) none = { how: "hidden", by: "hidden attribute", tag, depth, frame };
    // A page hides its body until its scripts have laid it out: that hides no link from readers.
    if (tag === "body" || tag === "html") {
      none = undefined;
      invisible = undefined;
      hard = null;
    }
    look.hard = parent.hard ?? none ?? hard;
    if (invisible !== undefined) look.invisible = invisible;
    if (font0 !== undefined) look.font0 = font0;
    return look;
  }

  private compoundAt(k: number): Compound {
    const f = this.frames[k] as Frame;
    if (!f.compound) {
      const cls = f.cls;
      const c: Compound = {
        tag: f.tag,
        classes: cls ? (SPACE.test(cls) ? cls.trim().split(/\s+/) : [cls]) : NO_CLASSES,
      };
      if (f.id) c.id = f.id;
      f.compound = c;
    }
    return f.compound;
  }

  /** The rules that apply to the element at `k`, null when none. */
  private match(k: number): SheetRule[] | null {
    const self = this.compoundAt(k);
    let out: SheetRule[] | null = null;
    if (self.id !== undefined) out = this.consider(this.byId.get(self.id), k, out);
    for (const c of self.classes) out = this.consider(this.byClass.get(c), k, out);
    return this.consider(this.byTag.get(self.tag as string), k, out);
  }

  private consider(list: SheetRule[] | undefined, k: number, out: SheetRule[] | null): SheetRule[] | null {
    if (!list) return out;
    for (const r of list) {
      if (out?.includes(r)) continue;
      if (!this.applies(r, k)) continue;
      if (out) out.push(r);
      else out = [r];
    }
    return out;
  }

  private applies(r: SheetRule, at: number): boolean {
    const length = at + 1;
    if (r.parts.length > 1 && this.steps > MAX_STEPS) return false;
    let k = at;
    if (!compoundMatches(r.parts[r.parts.length - 1] as Compound, this.compoundAt(k))) return false;
    // Ancestors, innermost first, each found somewhere further up; within the page's budget.
    for (let p = r.parts.length - 2; p >= 0; p--) {
      const want = r.parts[p] as Compound;
      k--;
      while (k >= 0 && !compoundMatches(want, this.compoundAt(k))) k--;
      this.steps += length;
      if (k < 0 || this.steps > MAX_STEPS) return false;
    }
    return true;
  }
}

/**
 * Whether a raw link may be a 暗链 at all: an absolute link (`http://`, `https://`, `//`) to a host
 * outside gov.cn. Only these are asked about (the check itself then leaves out the site's own
 * domain and the hosts every site links): relative links stay on the site.
 */
export function mayBeHiddenLink(href: string): boolean {
  const m = ABSOLUTE_HOST.exec(href);
  if (!m) return false;
  const host = (m[1] as string).toLowerCase().replace(/\.$/, "");
  return !(host === "gov.cn" || host.endsWith(".gov.cn"));
}
const ABSOLUTE_HOST = /^\s*(?:https?:)?\/\/([^/?#:\\\s]+)/i;

export function compoundMatches(want: Compound, el: Compound): boolean {
  if (want.tag !== undefined && want.tag !== el.tag) return false;
  if (want.id !== undefined && want.id !== el.id) return false;
  for (const c of want.classes) if (!el.classes.includes(c)) return false;
  return true;
}
