import { chineseNumber, englishOrdinal, joinEn, joinZh } from "./numerals.ts";

/** One place of a ranking: its rank and the bodies sharing it, already in administrative order. */
export interface Place {
  readonly rank: number;
  readonly names: readonly string[];
}

/** The places a release names: the top ten places (a tie at the tenth place brings all its bodies). */
export const LAST_NAMED_PLACE = 10;
/** Places one to three get a sentence of their own, the rest one list. */
export const PODIUM = 3;
/** A category of at most this many bodies, none tied, is said in one phrase (直辖市: 位列第一到第四名). */
export const COMPACT_MAX = 4;

/**
 * Groups ranked items into places. Items must come in administrative order: a place keeps the
 * order it meets its bodies in, which is how the seed lists bodies that share a place.
 */
export function placesOf<T>(
  items: readonly T[],
  rankOf: (t: T) => number | undefined,
  nameOf: (t: T) => string,
): Place[] {
  const byRank = new Map<number, string[]>();
  for (const item of items) {
    const r = rankOf(item);
    if (r === undefined || !Number.isFinite(r)) continue;
    const list = byRank.get(r) ?? [];
    list.push(nameOf(item));
    byRank.set(r, list);
  }
  return [...byRank.entries()].sort((a, b) => a[0] - b[0]).map(([rank, names]) => ({ rank, names }));
}

function isCompact(places: readonly Place[]): boolean {
  return (
    places.length >= 2 &&
    places.length <= COMPACT_MAX &&
    places.every((p, i) => p.names.length === 1 && p.rank === i + 1)
  );
}

/**
 * The Chinese ranking sentences of one category, the seed's way:
 * "第一名A、第二名B、第三名C。D、E和F、G…位列第四到第十名。"
 * - a shared place among the first three: "A和B并列第二"; the clauses are then separated by
 *   "，" (a "、" would run into the tied names);
 * - places four to ten: one list in rank order, bodies sharing a place joined "A和B" (the seed
 *   marks ties there by 和 alone); when three or more share a place ("A、B和C") the list is
 *   separated by "，" for the same reason;
 * - a category of two to four bodies, none tied: "A、B、C、D位列第一到第四名。"
 */
export function rankingSentenceZh(places: readonly Place[]): string {
  const named = places.filter((p) => p.rank <= LAST_NAMED_PLACE);
  if (named.length === 0) return "";
  if (isCompact(named)) {
    return `${named.map((p) => p.names[0]).join("、")}位列第一到第${chineseNumber(named.length)}名。`;
  }
  const top = named.filter((p) => p.rank <= PODIUM);
  const rest = named.filter((p) => p.rank > PODIUM);
  const clause = (p: Place) =>
    p.names.length === 1
      ? `第${chineseNumber(p.rank)}名${p.names[0]}`
      : `${joinZh(p.names)}并列第${chineseNumber(p.rank)}`;
  const topSep = top.some((p) => p.names.length > 1) ? "，" : "、";
  let text = top.length > 0 ? `${top.map(clause).join(topSep)}。` : "";
  if (rest.length > 0) {
    const restSep = rest.some((p) => p.names.length > 2) ? "，" : "、";
    text += `${rest.map((p) => joinZh(p.names)).join(restSep)}位列${placeSpanZh(rest)}。`;
  }
  return text;
}

function placeSpanZh(rest: readonly Place[]): string {
  const first = (rest[0] as Place).rank;
  const last = (rest[rest.length - 1] as Place).rank;
  return first === last
    ? `第${chineseNumber(first)}名`
    : `第${chineseNumber(first)}到第${chineseNumber(last)}名`;
}

/** The same ranking in English: "First: A; second: B and C (tied); third: D. Fourth to tenth: …". */
export function rankingSentenceEn(places: readonly Place[]): string {
  const named = places.filter((p) => p.rank <= LAST_NAMED_PLACE);
  if (named.length === 0) return "";
  if (isCompact(named)) {
    return `${joinEn(named.map((p) => p.names[0] as string))} rank first to ${englishOrdinal(named.length)}, in that order.`;
  }
  const withTie = (p: Place) => (p.names.length > 1 ? `${joinEn(p.names)} (tied)` : (p.names[0] as string));
  const top = named.filter((p) => p.rank <= PODIUM);
  const rest = named.filter((p) => p.rank > PODIUM);
  const parts: string[] = [];
  if (top.length > 0) {
    const clauses = top.map((p) => `${englishOrdinal(p.rank)}: ${withTie(p)}`).join("; ");
    parts.push(`${clauses.charAt(0).toUpperCase()}${clauses.slice(1)}.`);
  }
  if (rest.length > 0) {
    const first = (rest[0] as Place).rank;
    const last = (rest[rest.length - 1] as Place).rank;
    const span =
      first === last
        ? `${englishOrdinal(first)} place`
        : `${englishOrdinal(first)} to ${englishOrdinal(last)} places`;
    parts.push(
      `${span.charAt(0).toUpperCase()}${span.slice(1)}, in rank order: ${rest.map(withTie).join("; ")}.`,
    );
  }
  return parts.join(" ");
}
