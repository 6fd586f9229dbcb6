import { z } from "zod";
import { COLUMN_TYPES } from "./column-types.ts";
import { RenamedBodySchema } from "./wording.ts";

const ColumnTypeId = z.enum(COLUMN_TYPES);
const Days = z.number().int().positive();

/**
 * What the content checks may be told about a site (all optional: the heuristics work without).
 * `url` keys are path prefixes (`/col/col123/`) or, between slashes, regular expressions
 * (`/\/col\/col\d+\//`), matched against the page's path and query.
 */
export const ChecksProfile = z.object({
  /** Columns and their types; a listed URL is a column even where the heuristics would not say so. */
  columns: z
    .array(
      z.object({
        url: z.string().min(1),
        type: ColumnTypeId.optional(),
        name: z.string().optional(),
        limitDays: Days.optional(),
      }),
    )
    .optional(),
  /** Staleness limits by column type (days); the rest keep the defaults. */
  staleDays: z.partialRecord(ColumnTypeId, Days).optional(),
  homeStaleDays: Days.optional(),
  /** Where the heuristics misread a list: CSS selectors for its entries, their link and date. */
  selectors: z
    .array(
      z.object({
        url: z.string().min(1),
        items: z.string().min(1),
        link: z.string().optional(),
        date: z.string().optional(),
      }),
    )
    .optional(),
  /** Sections the content checks leave alone (archives, English pages…). */
  skip: z.array(z.string().min(1)).optional(),
  wording: z
    .object({
      /** Serious wording errors (wording.flagged): the evaluation's dictionary plus the site's. */
      flagged: z.array(z.string().min(1)).optional(),
      /** More renamed bodies for wording.outdated-name, same fields as the built-in file. */
      outdated: z.array(RenamedBodySchema).optional(),
    })
    .optional(),
});
export type ChecksProfile = z.infer<typeof ChecksProfile>;

/** The content checks' settings carried by a crawl configuration, if any. */
export function checksProfileOf(cfg: object): ChecksProfile | undefined {
  const c = (cfg as { checks?: unknown }).checks;
  if (c === undefined) return undefined;
  const r = ChecksProfile.safeParse(c);
  return r.success ? r.data : undefined;
}
