import { z } from "zod";
import { readDataFile } from "../runtime/data-file.ts";

export type DefacementKind = "gambling" | "pornography" | "defacement";

/** A term of `src/checks/data/defacement-terms.yaml`. */
export interface DefacementTerm {
  term: string;
  kind: DefacementKind;
  source: string;
  notFollowedBy?: string;
}

/** The dictionary: its terms and the words that turn a hit into a report of enforcement. */
export interface DefacementDictionary {
  terms: DefacementTerm[];
  crackdown: { before: string[]; after: string[] };
}

/** A list written as words separated by spaces: one per line would make a long file of one-word lines. */
const Words = z.string().transform((s) => s.split(/\s+/).filter((w) => w.length > 0));

const Dictionary = z.object({
  crackdown: z.object({ before: Words, after: Words }),
  terms: z.array(
    z.object({
      term: z.string().min(2),
      kind: z.enum(["gambling", "pornography", "defacement"]),
      source: z.string().min(1),
      notFollowedBy: z.string().optional(),
    }),
  ),
});

let builtin: DefacementDictionary | undefined;

/** The maintained dictionary, read once (the page reader matches its terms on every page). */
export function defacementDictionary(): DefacementDictionary {
  if (!builtin) {
    const file = new URL("../checks/data/defacement-terms.yaml", import.meta.url);
    builtin = Dictionary.parse(readDataFile(file)) as DefacementDictionary;
  }
  return builtin;
}
