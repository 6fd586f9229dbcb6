/**
 * User-facing text is Chinese first, English second. Every message that reaches a user is a
 * pair, so that one call site serves both languages and neither can be forgotten.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export type Lang = "zh" | "en" | "both";

export function currentLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const v = (env.GOVSCORE_LANG ?? "").toLowerCase();
  if (v.startsWith("en")) return "en";
  if (v.startsWith("zh")) return "zh";
  return "both";
}

/** Renders a message in the chosen language; "both" gives `中文 (English)`. */
export function say(msg: Bilingual, lang: Lang = currentLang()): string {
  if (lang === "zh") return msg.zh;
  if (lang === "en") return msg.en;
  return msg.zh === msg.en ? msg.zh : `${msg.zh} (${msg.en})`;
}

export function bi(zh: string, en: string): Bilingual {
  return { zh, en };
}
