import { Link } from "react-router";
import { api, seg } from "../api.ts";
import { Loaded, PageTitle, useLoad } from "../components/common.tsx";
import { useStatusName } from "../components/ScoreCommon.tsx";
import type { EvaluationSummary } from "../components/ScoreTypes.ts";
import { useI18n } from "../i18n.tsx";
import { type Account, useSession } from "../session.tsx";

/** Where a signed-in account works on an evaluation: its own body for a submitter, else the dashboard. */
function workspaceLink(e: EvaluationSummary, account: Account): string {
  if (account.role === "submitter" && account.bodyId)
    return `/evaluations/${seg(e.code)}/bodies/${seg(account.bodyId)}`;
  return `/evaluations/${seg(e.code)}`;
}

export default function Home() {
  const { t } = useI18n();
  const { account } = useSession();
  const status = useStatusName();
  // The list depends on who asks: reload when the session settles or changes.
  const state = useLoad(() => api.get<EvaluationSummary[]>("/evaluations"), [account?.id ?? account]);
  const title = t("评估与结果", "Evaluations and results");
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted">
        {account
          ? t("下列为您可以查看的评估。", "The evaluations you may see.")
          : t(
              "下列为已发布的评估结果。登录后可进入评估工作台。",
              "Published evaluations. Sign in to work on one.",
            )}
      </p>
      <Loaded state={state}>
        {(list) =>
          list.length === 0 ? (
            <p>{t("暂无评估。", "No evaluations yet.")}</p>
          ) : (
            <div className="sc-table-scroll">
              <table data-testid="evaluation-list">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("评估", "Evaluation")}</th>
                    <th scope="col">{t("评估框架", "Framework")}</th>
                    <th scope="col">{t("数据截止", "As of")}</th>
                    <th scope="col">{t("阶段", "Stage")}</th>
                    <th scope="col">{t("入口", "Open")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((e) => (
                    <tr key={e.code}>
                      <th scope="row">
                        {e.name}
                        <span className="sc-code"> {e.code}</span>
                      </th>
                      <td>
                        {e.framework.id} <span className="muted">v{e.framework.version}</span>
                      </td>
                      <td>{e.asOf}</td>
                      <td>
                        <span className={`sc-badge sc-status-${e.status}`}>{status(e.status)}</span>
                      </td>
                      <td>
                        <ul className="sc-inline-links">
                          {e.status === "published" && (
                            <li>
                              <Link to={`/results/${seg(e.code)}`}>
                                {t("查看结果", "Results")}
                                <span className="visually-hidden">：{e.name}</span>
                              </Link>
                            </li>
                          )}
                          {account && (
                            <li>
                              <Link to={workspaceLink(e, account)}>
                                {account.role === "submitter"
                                  ? t("本单位", "My body")
                                  : t("工作台", "Workspace")}
                                <span className="visually-hidden">：{e.name}</span>
                              </Link>
                            </li>
                          )}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
