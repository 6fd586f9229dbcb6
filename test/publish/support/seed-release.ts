/**
 * Reads the results part of a published release (the seed) into blocks: an evaluation heading,
 * an optional category heading, and its tier lines, ranking sentences and note. Used by the seed
 * test only; the product never parses releases.
 */
export interface SeedBlock {
  readonly evaluationHeading: string;
  readonly evaluation: string;
  readonly category?: string | undefined;
  readonly tierLines: string[];
  readonly rankingLines: string[];
  readonly notes: string[];
}

/** The seed was scraped with half-width punctuation; releases are typeset with full-width. */
export function fullWidth(text: string): string {
  return text.replace(/,/g, "，").replace(/:/g, "：").replace(/\(/g, "（").replace(/\)/g, "）");
}

const NUMERAL = "[一二三四五六七八九十]+";
const EVALUATION_HEADING = new RegExp(`^(${NUMERAL})、(.+)结果$`);
const CATEGORY_HEADING = new RegExp(`^（(${NUMERAL})）(.+)$`);
const TIER_LINE = /^(卓越|优秀|良好|发展)(档|级)：/;

export function parseSeedResults(text: string, startMarker: string, endMarker: string): SeedBlock[] {
  const lines = text.split(/\r?\n/).map((l) => fullWidth(l.trim()));
  const start = lines.indexOf(startMarker);
  const end = lines.indexOf(endMarker, start);
  if (start < 0 || end < 0) throw new Error(`seed markers not found: ${startMarker} … ${endMarker}`);
  const blocks: SeedBlock[] = [];
  let evaluationHeading = "";
  let evaluation = "";
  let current: SeedBlock | undefined;
  const open = (category?: string) => {
    current = { evaluationHeading, evaluation, category, tierLines: [], rankingLines: [], notes: [] };
    blocks.push(current);
  };
  for (const line of lines.slice(start + 1, end)) {
    if (!line) continue;
    const e = EVALUATION_HEADING.exec(line);
    if (e) {
      evaluationHeading = line;
      evaluation = e[2] as string;
      current = undefined;
      continue;
    }
    const c = CATEGORY_HEADING.exec(line);
    if (c) {
      open((c[2] as string).replace(/结果$/, ""));
      continue;
    }
    if (!current) open();
    const block = current as SeedBlock;
    if (line.startsWith("注：")) block.notes.push(line);
    else if (TIER_LINE.test(line)) block.tierLines.push(line);
    else block.rankingLines.push(line);
  }
  return blocks;
}

const DIGIT: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
export function numeral(text: string): number {
  if (text.length === 1) return DIGIT[text] ?? Number.NaN;
  if (text.startsWith("十")) return 10 + (DIGIT[text.slice(1)] ?? 0);
  const [tens, ones] = text.split("十");
  return (DIGIT[tens ?? ""] ?? Number.NaN) * 10 + (ones ? (DIGIT[ones] ?? Number.NaN) : 0);
}

/**
 * Splits "A和B" or "A、B和C" into known names. 和 also occurs inside names (工业和信息化部), so a
 * split is taken only where every part is a known name.
 */
export function segment(text: string, known: ReadonlySet<string>): string[] | undefined {
  if (known.has(text)) return [text];
  for (let i = 1; i < text.length - 1; i++) {
    const ch = text[i];
    if (ch !== "和" && ch !== "、") continue;
    const left = segment(text.slice(0, i), known);
    const right = left && segment(text.slice(i + 1), known);
    if (left && right) return [...left, ...right];
  }
  return undefined;
}

export interface ParsedPlace {
  readonly rank: number;
  readonly names: readonly string[];
}

/**
 * Parses a ranking paragraph the way a reader does, whatever its editorial style: "第一名A",
 * "A第一名", "A和B并列第二(名)", clauses separated by 、 or ，; then "…位列第四到第十名" (an
 * optional "的政府网站" before 位列 is dropped) or the compact "A、B、C、D位列第一到第四名".
 */
export function parseRanking(paragraph: string, known: ReadonlySet<string>): ParsedPlace[] {
  const sentences = paragraph.split("。").filter((s) => s.length > 0);
  const places: ParsedPlace[] = [];
  const must = (names: string[] | undefined, what: string) => {
    if (!names) throw new Error(`cannot split "${what}" into known names`);
    return names;
  };
  for (const sentence of sentences) {
    const span = new RegExp(`^(.+?)(?:的政府网站)?位列第(${NUMERAL})(?:到第(${NUMERAL}))?名$`).exec(sentence);
    if (span) {
      let rank = numeral(span[2] as string);
      const list = span[1] as string;
      const compact = rank === 1;
      const items = list.includes("，") ? list.split("，") : compact ? list.split("、") : list.split("、");
      for (const item of items) {
        const names = compact ? [item] : must(segment(item, known), item);
        places.push({ rank: rank++, names });
      }
      continue;
    }
    let pending: string[] = [];
    for (const piece of sentence.split(/[、，]/)) {
      const placeFirst = new RegExp(`^第(${NUMERAL})名(.+)$`).exec(piece);
      const tie = new RegExp(`^(.+)并列第(${NUMERAL})名?$`).exec(piece);
      const nameFirst = new RegExp(`^(.+?)第(${NUMERAL})名$`).exec(piece);
      if (placeFirst)
        places.push({ rank: numeral(placeFirst[1] as string), names: [placeFirst[2] as string] });
      else if (tie) {
        places.push({
          rank: numeral(tie[2] as string),
          names: [...pending, ...must(segment(tie[1] as string, known), tie[1] as string)],
        });
        pending = [];
        continue;
      } else if (nameFirst)
        places.push({ rank: numeral(nameFirst[2] as string), names: [nameFirst[1] as string] });
      else {
        pending.push(piece);
        continue;
      }
      if (pending.length > 0) throw new Error(`names without a place: ${pending.join("、")}`);
    }
    if (pending.length > 0) throw new Error(`names without a place: ${pending.join("、")}`);
  }
  return places;
}
