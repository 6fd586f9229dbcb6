import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { STAFF } from "../auth/roles.ts";
import type { RouteDeps } from "../deps.ts";
import { js } from "../schema.ts";

const Query = z.object({
  /** Only alerts not yet cleared. */
  open: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const alertRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/monitor/alerts",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["monitoring"],
          summary:
            "监测告警：站点无法访问、首页不更新 (monitoring alerts: unreachable, homepage not updated)",
          querystring: js(Query),
        },
      },
      async (req) => {
        const q = Query.parse(req.query);
        let rows = d.db
          .selectFrom("monitor_alert")
          .innerJoin("monitor_target", "monitor_target.id", "monitor_alert.target_id")
          .innerJoin("website", "website.id", "monitor_target.website_id")
          .select([
            "monitor_alert.id",
            "monitor_target.url as site",
            "website.body_id as bodyId",
            "monitor_alert.kind",
            "monitor_alert.raised_at as raisedAt",
            "monitor_alert.cleared_at as clearedAt",
            "monitor_alert.detail",
          ])
          .orderBy("monitor_alert.raised_at", "desc")
          .orderBy("monitor_alert.id", "desc")
          .limit(q.limit);
        if (q.open === "true") rows = rows.where("monitor_alert.cleared_at", "is", null);
        return (await rows.execute()).map((r) => ({
          ...r,
          raisedAt: new Date(r.raisedAt).toISOString(),
          clearedAt: r.clearedAt ? new Date(r.clearedAt).toISOString() : null,
          detail: typeof r.detail === "string" ? JSON.parse(r.detail) : r.detail,
        }));
      },
    );
  };
