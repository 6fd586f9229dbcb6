import { z } from "zod";
import { defaultOptions } from "../inspect/config.ts";
import { inspectSites } from "../inspect/inspect.ts";
import type { InspectionReport } from "../inspect/report.ts";
import { defineTask } from "./task.ts";

/** One site's inspection as a serialisable task (in-process today, a Postgres queue later). */
const Payload = z.object({
  site: z.string().url(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  maxPages: z.number().int().positive().optional(),
  delayMs: z.number().int().nonnegative().optional(),
  userAgent: z.string().min(1).optional(),
  allowPrivate: z.boolean().default(false),
  warcDir: z.string().nullable().default(null),
});
export type InspectPayload = z.infer<typeof Payload>;

export const inspectSiteTask = defineTask<InspectPayload, InspectionReport>({
  name: "inspect.site",
  payload: Payload as z.ZodType<InspectPayload>,
  async run(p) {
    const options = defaultOptions();
    if (p.maxPages !== undefined) options.crawl.maxPages = p.maxPages;
    if (p.delayMs !== undefined) options.crawl.delayMs = p.delayMs;
    if (p.userAgent) options.crawl.userAgent = p.userAgent;
    options.allowPrivate = p.allowPrivate;
    const [report] = await inspectSites({ sites: [p.site], asOf: p.asOf, options, warcDir: p.warcDir });
    if (!report) throw new Error(`no report for ${p.site}`);
    return report;
  },
  // Network trouble is already retried per request inside the crawl; a whole-site rerun is not.
  isTransient: () => false,
});
