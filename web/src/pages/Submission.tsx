import { type FormEvent, useState } from "react";
import { useParams } from "react-router";
import { ApiError, api, seg } from "../api.ts";
import { ErrorBox, Loaded, PageTitle, Status, useLoad } from "../components/common.tsx";
import {
  type Evaluation,
  type Framework,
  formatBytes,
  loadBodies,
  loadEvaluation,
  loadFramework,
  MAX_UPLOAD_BYTES,
  nodeMap,
  readUpload,
  showValue,
} from "../components/WorkApi.ts";
import { EvaluationLinks, useDate, useLabels } from "../components/WorkCommon.tsx";
import { checkFigure, type Field, FieldInput, fieldsOf } from "../components/WorkFields.tsx";
import { useI18n, useName } from "../i18n.tsx";

interface Submitted {
  values: { kind: string; code: string; value: unknown; source: string }[];
  attachments: { id: number; name: string; contentType: string; size: number; uploadedAt: string }[];
}

/** The API's 400 lines `values[2].value: …` mapped back to the fields sent. */
function apiFieldErrors(message: string, sent: string[]): { byCode: Record<string, string>; rest: string[] } {
  const byCode: Record<string, string> = {};
  const rest: string[] = [];
  for (const line of message.split("\n")) {
    const m = /^values\[(\d+)\]\.\w+:\s*(.*)$/.exec(line);
    const code = m ? sent[Number(m[1])] : undefined;
    if (m && code !== undefined) byCode[code] = byCode[code] ? `${byCode[code]} ${m[2]}` : (m[2] ?? "");
    else if (line.trim()) rest.push(line);
  }
  return { byCode, rest };
}

function initialValues(fields: Field[], submitted: Submitted): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = submitted.values.find((x) => x.code === f.node.code && x.kind === f.kind)?.value;
    out[f.node.code] =
      v === true ? "是" : v === false ? "否" : v === undefined || v === null ? "" : String(v);
  }
  return out;
}

/** Files already handed in, as downloads. */
function Attachments({ base, list }: { base: string; list: Submitted["attachments"] }) {
  const { t } = useI18n();
  const date = useDate();
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="attachments-h">
      <h2 id="attachments-h">{t("已上传的附件", "Attachments handed in")}</h2>
      <ul>
        {list.map((a) => (
          <li key={a.id}>
            <a href={`/api${base}/submission/attachments/${seg(a.id)}`} download={a.name}>
              {a.name}
            </a>{" "}
            <span className="muted">
              ({formatBytes(a.size)}, {date(a.uploadedAt)})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SubmissionForm({
  code,
  bodyId,
  fw,
  submitted,
  evaluation,
  onSaved,
}: {
  code: string;
  bodyId: string;
  fw: Framework;
  submitted: Submitted;
  evaluation: Evaluation | null;
  onSaved: (message: string) => void;
}) {
  const { t } = useI18n();
  const name = useName();
  const L = useLabels();
  const fields = fieldsOf(fw.nodes);
  const [values, setValues] = useState(() => initialValues(fields, submitted));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [source, setSource] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const nodes = nodeMap(fw);

  const focusFirst = (codes: string[]) => {
    const f = fields.find((x) => codes.includes(x.node.code));
    if (f) document.getElementById(f.kind === "answer" ? `${f.id}-yes` : f.id)?.focus();
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSummary(null);
    const found: Record<string, string> = {};
    for (const f of fields) {
      if (f.kind !== "figure") continue;
      const p = checkFigure(f, values[f.node.code] ?? "", t);
      if (p) found[f.node.code] = p;
    }
    const filled = fields.filter((f) => (values[f.node.code] ?? "").trim() !== "");
    setErrors(found);
    if (Object.keys(found).length || fileError) {
      setSummary(
        t(
          `有 ${Object.keys(found).length + (fileError ? 1 : 0)} 处需要修改。`,
          `${Object.keys(found).length + (fileError ? 1 : 0)} fields need correcting.`,
        ),
      );
      focusFirst(Object.keys(found));
      return;
    }
    if (filled.length === 0) {
      setSummary(t("请至少填写一项。", "Fill in at least one field."));
      return;
    }
    const sent = filled.map((f) => f.node.code);
    setBusy(true);
    try {
      const attachment = file ? await readUpload(file) : undefined;
      const r = await api.put<{ saved: number; attachment?: number | null }>(
        `/evaluations/${seg(code)}/bodies/${seg(bodyId)}/submission`,
        {
          values: filled.map((f) => ({
            kind: f.kind,
            code: f.node.code,
            value: (values[f.node.code] ?? "").trim(),
          })),
          ...(source.trim() ? { source: source.trim() } : {}),
          ...(attachment ? { attachment } : {}),
        },
      );
      onSaved(
        t(
          `已保存 ${r.saved} 项数值${file ? `及附件 ${file.name}` : ""}。`,
          `Saved ${r.saved} values${file ? ` and the attachment ${file.name}` : ""}.`,
        ),
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        const { byCode, rest } = apiFieldErrors(err.message, sent);
        setErrors(byCode);
        setSummary(
          t(
            `服务器退回了填报：有 ${Object.keys(byCode).length || rest.length} 处问题。`,
            `The server returned the submission: ${Object.keys(byCode).length || rest.length} problems.`,
          ),
        );
        if (rest.length) setError(new ApiError(400, err.code, rest.join("\n")));
        focusFirst(Object.keys(byCode));
      } else if (err instanceof ApiError && err.status === 409) {
        setError(
          new Error(
            t(
              `该评估已不再接受填报（${err.message}）。`,
              `This evaluation no longer takes submissions (${err.message}).`,
            ),
          ),
        );
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  const groups = [...new Set(fields.map((f) => f.node.parent ?? fw.root))];
  return (
    <form onSubmit={submit} className="work-form" noValidate>
      {evaluation && evaluation.status !== "collecting" && (
        <p className="work-warn">
          {t(
            `该评估处于“${L.status(evaluation.status)}”阶段，不再接受填报。`,
            `This evaluation is in the “${L.status(evaluation.status)}” stage and no longer takes submissions.`,
          )}
        </p>
      )}
      {fields.length === 0 && (
        <p>{t("该评估框架没有需要单位填报的指标。", "This framework asks bodies for no figures.")}</p>
      )}
      {groups.map((g) => (
        <fieldset key={g} className="work-group">
          <legend>{name(nodes.get(g)?.name) || g}</legend>
          {fields
            .filter((f) => (f.node.parent ?? fw.root) === g)
            .map((f) => {
              const rec = submitted.values.find((x) => x.code === f.node.code && x.kind === f.kind);
              return (
                <FieldInput
                  key={f.id}
                  f={f}
                  value={values[f.node.code] ?? ""}
                  error={errors[f.node.code]}
                  recorded={rec ? showValue(rec.value, t) : null}
                  onChange={(v) => {
                    setValues((s) => ({ ...s, [f.node.code]: v }));
                    if (errors[f.node.code])
                      setErrors((s) =>
                        Object.fromEntries(Object.entries(s).filter(([k]) => k !== f.node.code)),
                      );
                  }}
                />
              );
            })}
        </fieldset>
      ))}
      <fieldset className="work-group">
        <legend>{t("来源与附件", "Source and attachment")}</legend>
        <label htmlFor="submission-source">{t("数据来源或文件名称", "Source or document name")}</label>
        <input
          id="submission-source"
          type="text"
          maxLength={2000}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          className="work-wide"
        />
        <label htmlFor="submission-file">
          {t(
            `附件（可选，一个文件，不超过 ${formatBytes(MAX_UPLOAD_BYTES)}）`,
            `Attachment (optional, one file, at most ${formatBytes(MAX_UPLOAD_BYTES)})`,
          )}
        </label>
        <input
          id="submission-file"
          type="file"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? "submission-file-error" : undefined}
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            if (f && f.size > MAX_UPLOAD_BYTES) {
              setFileError(
                t(
                  `文件 ${f.name} 有 ${formatBytes(f.size)}，超过 ${formatBytes(MAX_UPLOAD_BYTES)} 的上限。`,
                  `${f.name} is ${formatBytes(f.size)}, over the ${formatBytes(MAX_UPLOAD_BYTES)} limit.`,
                ),
              );
              setFile(null);
              e.target.value = "";
            } else {
              setFileError(null);
              setFile(f);
            }
          }}
        />
        {fileError && (
          <p id="submission-file-error" className="field-error" role="alert">
            {fileError}
          </p>
        )}
      </fieldset>
      {summary && (
        <p className="error" role="alert">
          {summary}
        </p>
      )}
      <ErrorBox error={error} />
      <p>
        <button type="submit" disabled={busy}>
          {busy ? t("正在保存…", "Saving…") : t("保存填报", "Save submission")}
        </button>
      </p>
    </form>
  );
}

export default function Submission() {
  const { code = "", bodyId = "" } = useParams();
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const base = `/evaluations/${seg(code)}/bodies/${seg(bodyId)}`;
  const state = useLoad(async () => {
    const [submitted, fw, evaluation, bodies] = await Promise.all([
      api.get<Submitted>(`${base}/submission`),
      loadFramework(code),
      loadEvaluation(code).catch(() => null),
      loadBodies(code).catch(() => []),
    ]);
    const body = bodies.find((b) => b.bodyId === bodyId) ?? null;
    return { submitted, fw, evaluation, body, version };
  }, [base, version]);
  const bodyName = state.data?.body?.name ?? bodyId;
  const title = t(`数据填报：${bodyName}`, `Submission: ${bodyName}`);
  return (
    <section className="work-scope">
      <PageTitle title={title}>{title}</PageTitle>
      <EvaluationLinks code={code} />
      <p>
        {t(
          "请填写评估框架要求本单位报送的数值和是否项。留空的项不提交；已记录的值会预先填入。",
          "Fill in the figures and yes/no answers the framework asks of this body. Empty fields are not sent; values already recorded are filled in.",
        )}
      </p>
      <Status message={status} />
      <Loaded state={state}>
        {(d) => (
          <>
            <SubmissionForm
              key={d.version}
              code={code}
              bodyId={bodyId}
              fw={d.fw}
              submitted={d.submitted}
              evaluation={d.evaluation}
              onSaved={(m) => {
                setStatus(m);
                setVersion((v) => v + 1);
              }}
            />
            <Attachments base={base} list={d.submitted.attachments} />
          </>
        )}
      </Loaded>
    </section>
  );
}
