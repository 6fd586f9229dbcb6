import { useState } from "react";
import { api } from "../api.ts";
import { Loaded, PageTitle, useLoad } from "../components/common.tsx";
import { asText, ExternalLink, useDate } from "../components/ScoreCommon.tsx";
import type { Alert } from "../components/ScoreTypes.ts";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";

function useAlertKind(): (k: string) => string {
  const { t } = useI18n();
  return (k) =>
    k === "unreachable"
      ? t("站点无法访问", "site unreachable")
      : k === "home-stale"
        ? t("首页不更新", "home page not updated")
        : k;
}

export default function Alerts() {
  const { t } = useI18n();
  const { account } = useSession();
  const date = useDate();
  const kind = useAlertKind();
  const [openOnly, setOpenOnly] = useState(false);
  const state = useLoad(() => api.get<Alert[]>("/monitor/alerts"), [account?.id]);
  const title = t("监测告警", "Monitoring alerts");
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <Loaded state={state}>
        {(alerts) => {
          const shown = openOnly ? alerts.filter((a) => a.clearedAt === null) : alerts;
          const open = alerts.filter((a) => a.clearedAt === null).length;
          return (
            <>
              <p>
                {t(
                  `共 ${alerts.length} 条告警，其中 ${open} 条未解除。`,
                  `${alerts.length} alerts, ${open} still open.`,
                )}
              </p>
              <p className="sc-checkbox">
                <input
                  id="alerts-open-only"
                  type="checkbox"
                  checked={openOnly}
                  onChange={(e) => setOpenOnly(e.target.checked)}
                />
                <label htmlFor="alerts-open-only">{t("只看未解除的告警", "Open alerts only")}</label>
              </p>
              {shown.length === 0 ? (
                <p className="muted">{t("没有告警。", "No alerts.")}</p>
              ) : (
                <div className="sc-table-scroll">
                  <table data-testid="alert-table">
                    <caption className="visually-hidden">{title}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("站点", "Site")}</th>
                        <th scope="col">{t("告警类型", "Kind")}</th>
                        <th scope="col">{t("发出时间", "Raised")}</th>
                        <th scope="col">{t("解除时间", "Cleared")}</th>
                        <th scope="col">{t("详情", "Detail")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((a) => (
                        <tr key={a.id}>
                          <th scope="row">
                            <ExternalLink href={a.site} />
                            {a.bodyId && <span className="sc-code"> {a.bodyId}</span>}
                          </th>
                          <td>{kind(a.kind)}</td>
                          <td>{date(a.raisedAt)}</td>
                          <td>{a.clearedAt ? date(a.clearedAt) : <strong>{t("未解除", "open")}</strong>}</td>
                          <td className="sc-small sc-crawled">{asText(a.detail)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
