import { type FormEvent, type KeyboardEvent, useRef, useState } from "react";
import { useI18n } from "../i18n.tsx";
import { safeUrl } from "./WorkApi.ts";
import { LevelRadios } from "./WorkRubric.tsx";

export interface ScoreInput {
  level: string;
  comment: string;
  evidence: string[];
}

/** The API takes at most 50 evidence links of up to 2,000 characters each. */
export const MAX_REFS = 50;

/** A reference an expert may cite: a web address, an archived record, or a finding. */
const isReference = (s: string) => safeUrl(s) !== null || /^(warc|finding):\S/.test(s);

/** The links the expert cites; the page adds findings from the evidence side. */
function EvidenceLinks({ refs, setRefs }: { refs: string[]; setRefs: (r: string[]) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const v = draft.trim().slice(0, 2000);
    if (!v) return;
    if (!isReference(v)) {
      setProblem(
        t(
          "请输入以 http:// 或 https:// 开头的网址（或 warc:、finding: 引用）。",
          "Enter an address starting with http:// or https:// (or a warc: or finding: reference).",
        ),
      );
      return;
    }
    if (refs.length >= MAX_REFS && !refs.includes(v)) {
      setProblem(t(`最多引用 ${MAX_REFS} 条证据。`, `At most ${MAX_REFS} pieces of evidence.`));
      return;
    }
    setProblem(null);
    if (!refs.includes(v)) setRefs([...refs, v]);
    setDraft("");
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  };
  return (
    <fieldset className="work-group">
      <legend>{t("证据链接", "Evidence links")}</legend>
      {refs.length === 0 ? (
        <p className="muted" id="evidence-none">
          {t(
            "尚未引用证据。可在右侧引用巡检发现，或在下方填写存档网页地址。",
            "No evidence cited yet. Cite a finding on the right, or enter an archived page address below.",
          )}
        </p>
      ) : (
        <ul className="work-refs" aria-label={t("已引用的证据", "Evidence cited")}>
          {refs.map((r) => (
            <li key={r}>
              <span className="work-url">{r}</span>{" "}
              <button
                type="button"
                className="secondary work-small"
                onClick={() => setRefs(refs.filter((x) => x !== r))}
              >
                {t("移除", "Remove")}
                <span className="visually-hidden"> {r}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor="evidence-url">{t("存档网页或证据网址", "Archived page or evidence address")}</label>
      <div className="work-inline">
        <input
          id="evidence-url"
          type="text"
          inputMode="url"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "evidence-url-error" : undefined}
          className="work-wide"
        />
        <button type="button" className="secondary" onClick={add}>
          {t("添加证据链接", "Add evidence link")}
        </button>
      </div>
      {problem && (
        <p id="evidence-url-error" className="field-error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

/** Level (A/B/C/D with points), comment and evidence; Enter on a level submits. */
export function ScoreForm({
  levels,
  initial,
  refs,
  setRefs,
  busy,
  disabled,
  onSubmit,
}: {
  levels: Record<string, number>;
  initial: { level: string; comment: string };
  refs: string[];
  setRefs: (r: string[]) => void;
  busy: boolean;
  disabled: boolean;
  onSubmit: (s: ScoreInput) => void;
}) {
  const { t } = useI18n();
  const [level, setLevel] = useState(initial.level);
  const [comment, setComment] = useState(initial.comment);
  const [missing, setMissing] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!level) {
      setMissing(true);
      formRef.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
      return;
    }
    setMissing(false);
    onSubmit({ level, comment, evidence: refs });
  };
  return (
    <form ref={formRef} onSubmit={submit} className="work-form" noValidate>
      <LevelRadios
        name="level"
        legend={t("评分等级", "Level")}
        levels={levels}
        value={level}
        onChange={(l) => {
          setLevel(l);
          setMissing(false);
        }}
        describedBy={missing ? "level-error" : undefined}
      />
      {missing && (
        <p id="level-error" className="field-error" role="alert">
          {t("请选择一个等级。", "Choose a level.")}
        </p>
      )}
      <label htmlFor="score-comment">{t("评语", "Comment")}</label>
      <textarea
        id="score-comment"
        rows={5}
        maxLength={5000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        className="work-wide"
      />
      <EvidenceLinks refs={refs} setRefs={setRefs} />
      <p>
        <button type="submit" disabled={busy || disabled}>
          {busy ? t("正在提交…", "Submitting…") : t("提交评分", "Submit score")}
        </button>
      </p>
    </form>
  );
}
