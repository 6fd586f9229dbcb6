import { type FormEvent, useState } from "react";
import { ApiError, api, seg } from "../api.ts";
import { useI18n } from "../i18n.tsx";
import { ErrorBox } from "./common.tsx";
import { formatBytes, MAX_UPLOAD_BYTES, readUpload, type TargetBody } from "./WorkApi.ts";
import { BodyPicker } from "./WorkFields.tsx";

export const CASE_CLASSES = [
  "履职能力",
  "制度规则",
  "技术平台",
  "安全保障",
  "数字机关",
  "政府网站",
  "其他",
] as const;

export function useCaseClass() {
  const { t } = useI18n();
  const en: Record<string, string> = {
    履职能力: "performance of duties",
    制度规则: "institutions and rules",
    技术平台: "technology platforms",
    安全保障: "security",
    数字机关: "digital offices",
    政府网站: "government websites",
    其他: "other",
  };
  return (c: string) => t(c, en[c] ?? c);
}

export interface PracticeCase {
  id: number;
  bodyId: string;
  title: string;
  class: string;
  summary: string;
  reviewScore: number | null;
  selected: boolean;
  /** A count today; a list of {id, name} once the API gives one. */
  attachments: number | { id: number; name: string }[];
}

/** The request body allows 5 MB; base64 grows files by a third. */
const MAX_TOTAL_BYTES = 3_700_000;
const MAX_FILES = 5;

/** A body (its submitter, or staff for any body) hands in a practice case with attachments. */
export function CaseSubmitForm({
  code,
  bodies,
  fixedBody,
  onSaved,
}: {
  code: string;
  bodies: TargetBody[];
  fixedBody: string | null;
  onSaved: (message: string) => void;
}) {
  const { t } = useI18n();
  const className = useCaseClass();
  const [bodyId, setBodyId] = useState(fixedBody ?? "");
  const body = fixedBody ?? (bodyId || bodies[0]?.bodyId || "");
  const [title, setTitle] = useState("");
  const [klass, setKlass] = useState<string>(CASE_CLASSES[0]);
  const [summary, setSummary] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function pick(list: FileList | null) {
    const chosen = [...(list ?? [])];
    const big = chosen.find((f) => f.size > MAX_UPLOAD_BYTES);
    const total = chosen.reduce((s, f) => s + f.size, 0);
    let problem: string | null = null;
    if (chosen.length > MAX_FILES)
      problem = t(`最多 ${MAX_FILES} 个附件。`, `At most ${MAX_FILES} attachments.`);
    else if (big)
      problem = t(
        `文件 ${big.name} 超过 ${formatBytes(MAX_UPLOAD_BYTES)} 的上限。`,
        `${big.name} is over the ${formatBytes(MAX_UPLOAD_BYTES)} limit.`,
      );
    else if (total > MAX_TOTAL_BYTES)
      problem = t(
        `附件合计不能超过 ${formatBytes(MAX_TOTAL_BYTES)}。`,
        `Attachments together must not exceed ${formatBytes(MAX_TOTAL_BYTES)}.`,
      );
    setFileError(problem);
    setFiles(problem ? [] : chosen);
    if (problem) setInputKey((k) => k + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!title.trim()) {
      setError(new Error(t("请填写案例标题。", "Give the case a title.")));
      return;
    }
    setBusy(true);
    try {
      const attachments = await Promise.all(files.map(readUpload));
      const r = await api.post<{ id: number }>(`/evaluations/${seg(code)}/bodies/${seg(body)}/cases`, {
        title: title.trim(),
        class: klass,
        summary,
        attachments,
      });
      setTitle("");
      setSummary("");
      setFiles([]);
      setInputKey((k) => k + 1);
      onSaved(t(`案例 #${r.id} 已报送。`, `Case #${r.id} submitted.`));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 409
          ? new Error(
              t(
                `该评估已不再接受案例报送（${err.message}）。`,
                `This evaluation no longer takes cases (${err.message}).`,
              ),
            )
          : err,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="work-form" noValidate>
      {fixedBody === null && (
        <BodyPicker
          id="case-body"
          label={t("报送单位", "Body")}
          bodies={bodies}
          value={body}
          onChange={setBodyId}
        />
      )}
      <label htmlFor="case-title">{t("案例标题", "Title")}</label>
      <input
        id="case-title"
        value={title}
        maxLength={200}
        required
        onChange={(e) => setTitle(e.target.value)}
        className="work-wide"
      />
      <label htmlFor="case-class">{t("案例类别", "Class")}</label>
      <select id="case-class" value={klass} onChange={(e) => setKlass(e.target.value)}>
        {CASE_CLASSES.map((c) => (
          <option key={c} value={c}>
            {className(c)}
          </option>
        ))}
      </select>
      <label htmlFor="case-summary">{t("案例摘要", "Summary")}</label>
      <textarea
        id="case-summary"
        rows={5}
        maxLength={20000}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        className="work-wide"
      />
      <label htmlFor="case-files">
        {t(
          `附件（可选，最多 ${MAX_FILES} 个，每个不超过 ${formatBytes(MAX_UPLOAD_BYTES)}）`,
          `Attachments (optional, up to ${MAX_FILES}, each at most ${formatBytes(MAX_UPLOAD_BYTES)})`,
        )}
      </label>
      <input
        key={inputKey}
        id="case-files"
        type="file"
        multiple
        aria-invalid={fileError ? true : undefined}
        aria-describedby={fileError ? "case-files-error" : undefined}
        onChange={(e) => pick(e.target.files)}
      />
      {fileError && (
        <p id="case-files-error" className="field-error" role="alert">
          {fileError}
        </p>
      )}
      <ErrorBox error={error} />
      <p>
        <button type="submit" disabled={busy || !body}>
          {t("报送案例", "Submit case")}
        </button>
      </p>
    </form>
  );
}

/** An expert or staff member scores a case (0–100) with a comment. */
export function CaseReviewForm({
  cases,
  onSaved,
}: {
  cases: PracticeCase[];
  onSaved: (message: string) => void;
}) {
  const { t } = useI18n();
  const [caseId, setCaseId] = useState("");
  const chosen = caseId || String(cases.find((c) => c.reviewScore === null)?.id ?? cases[0]?.id ?? "");
  const [score, setScore] = useState("");
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const n = Number(score);
    if (score.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) {
      setProblem(t("评审分应为 0 到 100 之间的数。", "The score must be a number from 0 to 100."));
      document.getElementById("review-score")?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await api.put(`/cases/${seg(chosen)}/review`, { score: n, comment });
      setScore("");
      setComment("");
      setCaseId("");
      onSaved(t(`案例 #${chosen} 已评审：${n} 分。`, `Case #${chosen} reviewed: ${n}.`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (cases.length === 0) return <p className="muted">{t("没有可评审的案例。", "No cases to review.")}</p>;
  return (
    <form onSubmit={submit} className="work-form" noValidate>
      <label htmlFor="review-case">{t("案例", "Case")}</label>
      <select id="review-case" value={chosen} onChange={(e) => setCaseId(e.target.value)}>
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            #{c.id} {c.title}
            {c.reviewScore !== null ? t(`（已评 ${c.reviewScore} 分）`, ` (scored ${c.reviewScore})`) : ""}
          </option>
        ))}
      </select>
      <label htmlFor="review-score">{t("评审分（0–100）", "Score (0–100)")}</label>
      <input
        id="review-score"
        type="text"
        inputMode="decimal"
        value={score}
        onChange={(e) => setScore(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? "review-score-error" : undefined}
      />
      {problem && (
        <p id="review-score-error" className="field-error" role="alert">
          {problem}
        </p>
      )}
      <label htmlFor="review-comment">{t("评审意见", "Comment")}</label>
      <textarea
        id="review-comment"
        rows={3}
        maxLength={5000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        className="work-wide"
      />
      <ErrorBox error={error} />
      <p>
        <button type="submit" disabled={busy}>
          {t("提交评审", "Submit review")}
        </button>
      </p>
    </form>
  );
}
