import { z } from "zod";
import { readDataFile } from "../runtime/data-file.ts";
import { literalPattern } from "./wording.ts";

/** A column of `src/checks/data/required-columns.yaml`: what a portal must have, and its names. */
export interface RequiredColumn {
  id: string;
  /** The guideline's name (概况信息, 机构职能…). */
  name: string;
  en: string;
  /** Where its names were seen. */
  seen: string;
  /** Whole link texts that name it; `*` stands for one to six characters. */
  names: string[];
}

const File = z.object({
  columns: z.array(
    z.object({
      id: z.string().regex(/^[a-z-]+$/),
      name: z.string().min(2),
      en: z.string().min(2),
      seen: z.string().min(1),
      names: z.array(z.string().min(1)).min(1),
    }),
  ),
});

let builtin: { columns: RequiredColumn[]; matchers: [string, RegExp][] } | undefined;

function load() {
  if (!builtin) {
    const file = new URL("../checks/data/required-columns.yaml", import.meta.url);
    const columns = File.parse(readDataFile(file)).columns;
    builtin = {
      columns,
      matchers: columns.map((c) => [
        c.id,
        new RegExp(`^(?:${c.names.map((n) => n.split("*").map(literalPattern).join(".{1,6}")).join("|")})$`),
      ]),
    };
  }
  return builtin;
}

/** The columns a portal must have, in the file's order. */
export function requiredColumns(): RequiredColumn[] {
  return load().columns;
}

/** Spaces (首 页, 市 情) and the decoration menus put around a name (· 走进四川, 【政策解读】, 互动>>). */
const DECORATION = /^[·•・>»›|｜【】[\]()（）<《〈\-—:：]+|[·•・>»›|｜【】[\]()（）<>》〉\-—:：]+$/g;

export function menuName(text: string): string {
  return text.replace(/\s+/g, "").replace(DECORATION, "");
}

/**
 * The ids of the required columns that these link texts (or column names) name, in the file's
 * order: a text names a column when it is one of the column's names, whole.
 */
export function columnsNamed(texts: Iterable<string>): string[] {
  const { matchers } = load();
  const found = new Set<string>();
  for (const raw of texts) {
    const t = menuName(raw);
    if (t.length < 2 || t.length > 16) continue;
    for (const [id, re] of matchers) if (!found.has(id) && re.test(t)) found.add(id);
    if (found.size === matchers.length) break;
  }
  return matchers.map(([id]) => id).filter((id) => found.has(id));
}
