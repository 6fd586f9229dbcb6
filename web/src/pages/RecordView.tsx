import { Link, useParams } from "react-router";
import { api, seg } from "../api.ts";
import { Loaded, PageTitle, useLoad } from "../components/common.tsx";
import { ExternalLink } from "../components/ScoreCommon.tsx";
import { useI18n } from "../i18n.tsx";

interface ArchivedRecord {
  record: string;
  site: string;
  file: string;
  type: string;
  url: string;
  date: string | null;
  status: number | null;
  headers: Record<string, string>;
  bytes: number;
  charset: string;
  text: string;
  truncated: boolean;
}

/**
 * An archived response a finding names, as the inspector received it: headers and the decoded
 * source as text. The archived page is never rendered here, so nothing in it can run.
 */
export default function RecordView() {
  const { t } = useI18n();
  const { code = "", bodyId = "", record = "" } = useParams();
  const state = useLoad(
    () => api.get<ArchivedRecord>(`/evaluations/${seg(code)}/bodies/${seg(bodyId)}/records/${seg(record)}`),
    [code, bodyId, record],
  );
  const title = t("存档证据", "Archived evidence");
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Link to={`/evaluations/${seg(code)}/bodies/${seg(bodyId)}`}>
          {t("返回单位页", "Back to the body page")}
        </Link>
      </p>
      <Loaded state={state}>
        {(r) => (
          <>
            <dl className="record-facts">
              <dt>{t("网址", "Address")}</dt>
              <dd>
                <ExternalLink href={r.url} />
              </dd>
              <dt>{t("记录", "Record")}</dt>
              <dd>
                <code>{r.record}</code>（{r.type}，{r.file}）
              </dd>
              <dt>{t("时间", "Date")}</dt>
              <dd>{r.date ?? "—"}</dd>
              <dt>{t("状态码", "Status")}</dt>
              <dd>{r.status ?? "—"}</dd>
              <dt>{t("字符集", "Charset")}</dt>
              <dd>{r.charset}</dd>
              <dt>{t("大小", "Size")}</dt>
              <dd>
                {r.bytes} {t("字节", "bytes")}
                {r.truncated ? t("（仅显示前 512 KB）", " (first 512 KB shown)") : ""}
              </dd>
            </dl>
            <h2>{t("响应头", "Response headers")}</h2>
            <table>
              <tbody>
                {Object.entries(r.headers).map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td>
                      <code>{v}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t("内容（源代码）", "Content (source)")}</h2>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
            <section className="record-text" tabIndex={0} aria-label={t("存档内容", "Archived content")}>
              <pre>{r.text}</pre>
            </section>
          </>
        )}
      </Loaded>
    </section>
  );
}
