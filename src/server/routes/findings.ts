import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { CHECKS } from "../../checks/catalogue.ts";
import { findRecord, warcSiteName } from "../../crawl/warc.ts";
import { decodeBody } from "../../encoding/charset.ts";
import type { InspectionReport } from "../../inspect/report.ts";
import { SIGNED_IN } from "../auth/roles.ts";
import type { RouteDeps } from "../deps.ts";
import { js } from "../schema.ts";
import { actsFor, evaluationFor } from "./evaluations.ts";

/** A body page lists findings; a site with thousands of broken links shows the first ones. */
const PER_CHECK = 200;
/** An archived page is shown as text up to this size. */
const RECORD_TEXT_BYTES = 512 * 1024;

const META = new Map(CHECKS.map((c) => [c.id, { title: c.title, severity: c.severity }]));

export const findingRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/evaluations/:code/bodies/:bodyId/findings",
      {
        config: { roles: SIGNED_IN },
        schema: {
          tags: ["inspections"],
          summary: "单位网站的巡检结果与证据 (a body's inspection checks and findings, with evidence)",
          params: js(z.object({ code: z.string(), bodyId: z.string() })),
        },
      },
      async (req, reply) => {
        const p = req.params as { code: string; bodyId: string };
        if (!actsFor(req.caller, p.bodyId))
          return reply.code(403).send({ error: "forbidden", message: "只能查看本单位 (your own body only)" });
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        const rows = await d.db
          .selectFrom("inspection")
          .innerJoin("website", "website.id", "inspection.website_id")
          .select(["inspection.site", "inspection.finished_at", "inspection.report", "inspection.warc_dir"])
          .where("inspection.evaluation_id", "=", ev.id)
          .where("website.body_id", "=", p.bodyId)
          .orderBy("inspection.site")
          .execute();
        return {
          inspections: rows.map((r) => {
            const report = (
              typeof r.report === "string" ? JSON.parse(r.report) : r.report
            ) as InspectionReport;
            const byCheck = new Map<string, Record<string, unknown>[]>();
            for (const f of report.findings ?? []) {
              const list = byCheck.get(f.check) ?? [];
              if (list.length < PER_CHECK) list.push(f);
              byCheck.set(f.check, list);
            }
            return {
              site: r.site,
              finishedAt: new Date(r.finished_at).toISOString(),
              pages: report.pages?.fetched ?? 0,
              archived: r.warc_dir !== null,
              facts: report.facts ?? {},
              checks: Object.entries(report.checks ?? {}).map(([check, c]) => ({
                check,
                title: META.get(check)?.title ?? { zh: check, en: check },
                severity: META.get(check)?.severity ?? null,
                outcome: c.outcome,
                count: c.count,
                findings: byCheck.get(check) ?? [],
              })),
            };
          }),
        };
      },
    );

    app.get(
      "/evaluations/:code/bodies/:bodyId/records/:record",
      {
        config: { roles: SIGNED_IN },
        schema: {
          tags: ["inspections"],
          summary: "存档的证据记录（WARC）：请求与响应 (an archived WARC record a finding names)",
          params: js(z.object({ code: z.string(), bodyId: z.string(), record: z.string().max(200) })),
        },
      },
      async (req, reply) => {
        const p = req.params as { code: string; bodyId: string; record: string };
        if (!actsFor(req.caller, p.bodyId))
          return reply.code(403).send({ error: "forbidden", message: "只能查看本单位 (your own body only)" });
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        const rows = await d.db
          .selectFrom("inspection")
          .innerJoin("website", "website.id", "inspection.website_id")
          .select(["inspection.site", "inspection.warc_dir"])
          .where("inspection.evaluation_id", "=", ev.id)
          .where("website.body_id", "=", p.bodyId)
          .where("inspection.warc_dir", "is not", null)
          .execute();
        for (const r of rows) {
          const found = await findRecord(r.warc_dir as string, p.record, warcSiteName(r.site));
          if (!found) continue;
          const decoded = decodeBody(
            found.body.subarray(0, RECORD_TEXT_BYTES),
            found.headers["content-type"],
          );
          // Text only: the page is shown as source in the workspace, never rendered or run.
          return {
            record: p.record,
            site: r.site,
            file: found.file,
            type: found.type,
            url: found.url,
            date: found.date,
            status: found.status,
            headers: found.headers,
            bytes: found.body.length,
            charset: decoded.charset,
            text: decoded.text,
            truncated: found.body.length > RECORD_TEXT_BYTES,
          };
        }
        return reply
          .code(404)
          .send({ error: "not-found", message: "证据存档中没有该记录 (no such record in the archive)" });
      },
    );
  };
