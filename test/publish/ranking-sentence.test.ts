import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { placesOf, rankingSentenceEn, rankingSentenceZh } from "../../src/publish/text/ranking-sentence.ts";
import { rankDescending } from "../../src/scoring/rank.ts";

/** Places from scores given in administrative order, ranked as the release does (dense by default). */
function places(scores: Record<string, number>, ties: "dense" | "competition" = "dense") {
  const names = Object.keys(scores);
  const ranks = rankDescending(
    names.map((n) => scores[n] as number),
    ties,
  );
  return placesOf(
    names,
    (n) => ranks[names.indexOf(n)],
    (n) => n,
  );
}

describe("ranking sentences (golden)", () => {
  test("no ties, more than ten bodies", () => {
    const s = Object.fromEntries("ABCDEFGHIJKL".split("").map((c, i) => [c, 100 - i]));
    assert.equal(
      rankingSentenceZh(places(s)),
      "第一名A、第二名B、第三名C。D、E、F、G、H、I、J位列第四到第十名。",
    );
    assert.equal(
      rankingSentenceEn(places(s)),
      "First: A; second: B; third: C. Fourth to tenth places, in rank order: D; E; F; G; H; I; J.",
    );
  });

  test("a tie at first place", () => {
    const s = { A: 90, B: 90, C: 80, D: 70, E: 60 };
    assert.equal(rankingSentenceZh(places(s)), "A和B并列第一，第二名C，第三名D。E位列第四名。");
  });

  test("a tie at second place and a three-way tie at third", () => {
    const s = { A: 99, B: 90, C: 90, D: 80, E: 80, F: 80, G: 70 };
    assert.equal(rankingSentenceZh(places(s)), "第一名A，B和C并列第二，D、E和F并列第三。G位列第四名。");
  });

  test("ties at every place one to ten make the list longer than seven names", () => {
    const names = "ABCDEFGHIJKLMNOPQRSTUV".split("");
    const s = Object.fromEntries(names.map((c, i) => [c, 100 - Math.floor(i / 2)]));
    assert.equal(
      rankingSentenceZh(places(s)),
      "A和B并列第一，C和D并列第二，E和F并列第三。G和H、I和J、K和L、M和N、O和P、Q和R、S和T位列第四到第十名。",
    );
  });

  test("a three-way tie among places four to ten switches the list to ，", () => {
    const s = { A: 99, B: 98, C: 97, D: 96, E: 95, F: 95, G: 95, H: 94 };
    assert.equal(rankingSentenceZh(places(s)), "第一名A、第二名B、第三名C。D，E、F和G，H位列第四到第六名。");
  });

  test("a tie straddling the tenth place brings every body of the tenth place (dense)", () => {
    const s = { A: 99, B: 98, C: 97, D: 96, E: 95, F: 94, G: 93, H: 92, I: 91, J: 90, K: 90, L: 90, M: 80 };
    // Three bodies share the tenth place ("J、K和L"), so the list is separated by ，.
    assert.equal(
      rankingSentenceZh(places(s)),
      "第一名A、第二名B、第三名C。D，E，F，G，H，I，J、K和L位列第四到第十名。",
    );
  });

  test("a tie straddling the tenth position under competition ranking keeps the shared place and stops", () => {
    // Competition ranks: …, I = 9, J = K = 10, L = 12: J and K are named, L is not.
    const s = { A: 99, B: 98, C: 97, D: 96, E: 95, F: 94, G: 93, H: 92, I: 91, J: 90, K: 90, L: 85 };
    assert.equal(
      rankingSentenceZh(places(s, "competition")),
      "第一名A、第二名B、第三名C。D、E、F、G、H、I、J和K位列第四到第十名。",
    );
    // …, H = 8, I = J = K = 9: positions 9–11 share the ninth place and all are named.
    const t = { A: 99, B: 98, C: 97, D: 96, E: 95, F: 94, G: 93, H: 92, I: 91, J: 91, K: 91, L: 85 };
    assert.equal(
      rankingSentenceZh(places(t, "competition")),
      "第一名A、第二名B、第三名C。D，E，F，G，H，I、J和K位列第四到第九名。",
    );
  });

  test("competition ranking skips the place after a tie", () => {
    const s = { A: 99, B: 90, C: 90, D: 80, E: 70 };
    // Ranks 1, 2, 2, 4, 5: there is no third place, and the list starts at the fourth.
    assert.equal(
      rankingSentenceZh(places(s, "competition")),
      "第一名A，B和C并列第二。D、E位列第四到第五名。",
    );
    assert.equal(rankingSentenceZh(places(s, "dense")), "第一名A，B和C并列第二，第三名D。E位列第四名。");
  });

  test("English: ties said as tied, the same places as the Chinese", () => {
    const s = { A: 99, B: 90, C: 90, D: 80, E: 70, F: 70, G: 60 };
    assert.equal(
      rankingSentenceEn(places(s)),
      "First: A; second: B and C (tied); third: D. Fourth to fifth places, in rank order: E and F (tied); G.",
    );
    assert.equal(rankingSentenceZh(places(s)), "第一名A，B和C并列第二，第三名D。E和F、G位列第四到第五名。");
  });

  test("a single body", () => {
    assert.equal(rankingSentenceZh(places({ 商务部: 90 })), "第一名商务部。");
    assert.equal(rankingSentenceEn(places({ 商务部: 90 })), "First: 商务部.");
  });

  test("two to four bodies without ties say it in one phrase", () => {
    assert.equal(
      rankingSentenceZh(places({ 北京市: 90, 上海市: 80, 重庆市: 70, 天津市: 60 })),
      "北京市、上海市、重庆市、天津市位列第一到第四名。",
    );
    assert.equal(rankingSentenceZh(places({ 甲: 2, 乙: 1 })), "甲、乙位列第一到第二名。");
    // A tie in a small category falls back to the general form.
    assert.equal(rankingSentenceZh(places({ 甲: 2, 乙: 2, 丙: 1 })), "甲和乙并列第一，第二名丙。");
  });

  test("nobody ranked", () => {
    assert.equal(rankingSentenceZh([]), "");
    assert.equal(rankingSentenceEn([]), "");
  });
});
