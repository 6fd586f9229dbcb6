import { type FormEvent, useState } from "react";
import { ApiError, api, seg } from "../api.ts";
import { useI18n, useName } from "../i18n.tsx";
import { ErrorBox, useLoad } from "./common.tsx";
import {
  type EvidenceValue,
  type Findings,
  type Framework,
  findingKey,
  loadResult,
  showValue,
  type TargetBody,
  totalOf,
} from "./WorkApi.ts";
import { BodyPicker } from "./WorkFields.tsx";
import { LevelRadios, YesNoRadios } from "./WorkRubric.tsx";

export interface Appeal {
  id: number;
  bodyId: string;
  targetKind: "finding" | "indicator";
  target: string;
  reason: string;
  filedAt: string;
  state: "open" | "accepted" | "rejected";
  decisionReason: string | null;
  decidedAt: string | null;
}

export interface Decided {
  appeal: Appeal;
  state: "accepted" | "rejected";
  run: number | null;
  before: { total: number | null; run: number | null };
  after: { total: number | null; run: number | null };
}

/** Leaves an indicator appeal may contest, and the kind of value that corrects each. */
const CORRECTABLE: Record<string, "rubric" | "figure" | "answer"> = {
  rubric: "rubric",
  figure: "figure",
  yesno: "answer",
};

/** A body (or staff for it) contests an inspection finding or a recorded value. */
export function AppealFileForm({
  code,
  fw,
  bodies,
  fixedBody,
  onFiled,
}: {
  code: string;
  fw: Framework;
  bodies: TargetBody[];
  fixedBody: string | null;
  onFiled: (message: string) => void;
}) {
  const { t } = useI18n();
  const name = useName();
  const [bodyId, setBodyId] = useState("");
  const body = fixedBody ?? (bodyId || bodies[0]?.bodyId || "");
  const [kind, setKind] = useState<"finding" | "indicator">("indicator");
  const [target, setTarget] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const base = `/evaluations/${seg(code)}/bodies/${seg(body)}`;
  const evidence = useLoad(async () => {
    if (!body) return { findings: { inspections: [] } as Findings, values: [] as EvidenceValue[] };
    const [findings, values] = await Promise.all([
      api.get<Findings>(`${base}/findings`),
      api.get<EvidenceValue[]>(`${base}/evidence`).catch(() => [] as EvidenceValue[]),
    ]);
    return { findings, values };
  }, [base]);
  const findingOptions = (evidence.data?.findings.inspections ?? []).flatMap((ins) =>
    ins.checks.flatMap((c) =>
      c.findings.map((f) => ({
        key: findingKey(f, c.check),
        label: `${name(c.title)} — ${typeof f.page === "string" ? f.page : t("整站", "whole site")}`,
      })),
    ),
  );
  // Values a decision can correct; what inspections compute is contested through its findings.
  const leaves = fw.nodes.filter((n) => n.leaf && n.source && n.source.from in CORRECTABLE);
  const recordedOf = (c: string) => evidence.data?.values.find((v) => v.code === c && v.kind !== "dismissed");
  const options =
    kind === "finding"
      ? [...new Map(findingOptions.map((o) => [o.key, o])).values()]
      : leaves.map((n) => {
          const v = recordedOf(n.code);
          return {
            key: n.code,
            label: `${name(n.name)} (${n.code})${v ? ` — ${t("当前", "now")} ${showValue(v.value, t)}` : ""}`,
          };
        });
  const chosen = options.some((o) => o.key === target) ? target : (options[0]?.key ?? "");

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!chosen || !reason.trim()) {
      setError(new Error(t("请选择复核对象并填写理由。", "Choose what you contest and give a reason.")));
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<{ id: number }>(`${base}/appeals`, {
        targetKind: kind,
        target: chosen,
        reason: reason.trim(),
      });
      setReason("");
      onFiled(t(`复核申请 #${r.id} 已提交。`, `Appeal #${r.id} filed.`));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 409
          ? new Error(
              t(
                `该评估当前不受理复核，仅在评分和复核阶段受理（${err.message}）。`,
                `This evaluation takes appeals only while scoring or in review (${err.message}).`,
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
          id="appeal-body"
          label={t("单位", "Body")}
          bodies={bodies}
          value={body}
          onChange={setBodyId}
        />
      )}
      <fieldset className="work-levels">
        <legend>{t("复核对象", "What you contest")}</legend>
        {(
          [
            ["indicator", t("已记录的指标数值", "A recorded indicator value")],
            ["finding", t("巡检发现", "An inspection finding")],
          ] as const
        ).map(([k, label]) => (
          <div key={k} className="work-radio">
            <input
              type="radio"
              id={`appeal-kind-${k}`}
              name="appeal-kind"
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setTarget("");
              }}
            />
            <label htmlFor={`appeal-kind-${k}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <ErrorBox error={evidence.error} />
      {options.length === 0 ? (
        <p className="muted">
          {kind === "finding"
            ? t("该单位没有可复核的巡检发现。", "This body has no findings to contest.")
            : t("没有可复核的指标。", "No indicators to contest.")}
        </p>
      ) : (
        <>
          <label htmlFor="appeal-target">
            {kind === "finding" ? t("巡检发现", "Finding") : t("指标", "Indicator")}
          </label>
          <select
            id="appeal-target"
            value={chosen}
            onChange={(e) => setTarget(e.target.value)}
            className="work-wide"
          >
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor="appeal-reason">{t("复核理由", "Reason")}</label>
      <textarea
        id="appeal-reason"
        rows={4}
        maxLength={20000}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="work-wide"
      />
      <ErrorBox error={error} />
      <p>
        <button type="submit" disabled={busy || !body}>
          {t("提交复核申请", "File the appeal")}
        </button>
      </p>
    </form>
  );
}

/** The corrected value an accepted indicator appeal needs, in the control its leaf takes. */
function CorrectionInput({
  id,
  fw,
  code,
  value,
  onChange,
}: {
  id: number;
  fw: Framework;
  code: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const node = fw.nodes.find((n) => n.code === code);
  const from = node?.source?.from;
  if (from === "rubric")
    return (
      <LevelRadios
        name={`correction-${id}`}
        legend={t("更正后的等级（接受时必填）", "Corrected level (needed to accept)")}
        levels={node?.source?.levels ?? {}}
        value={value}
        onChange={onChange}
      />
    );
  if (from === "yesno")
    return (
      <YesNoRadios
        name={`correction-${id}`}
        legend={t("更正后的答案（接受时必填）", "Corrected answer (needed to accept)")}
        value={value === "是" || value === "否" ? value : ""}
        onChange={onChange}
        yes={t("是", "Yes")}
        no={t("否", "No")}
      />
    );
  if (from === "figure")
    return (
      <>
        <label htmlFor={`correction-${id}`}>
          {t("更正后的数值（接受时必填）", "Corrected figure (needed to accept)")}
          {node?.source?.unit ? t(`（${node.source.unit}）`, ` (${node.source.unit})`) : ""}
        </label>
        <input
          id={`correction-${id}`}
          type="text"
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </>
    );
  return (
    <p className="muted">
      {t(
        "该指标由巡检结果计算，不能直接更正数值；请对相应的巡检发现申请复核。",
        "This indicator is computed from the inspection; its value cannot be corrected directly — contest the finding instead.",
      )}
    </p>
  );
}

/** Staff decide one open appeal; the total before and after comes back to the page. */
export function DecisionForm({
  code,
  appeal,
  fw,
  bodyName,
  onDecided,
}: {
  code: string;
  appeal: Appeal;
  fw: Framework;
  bodyName: string;
  onDecided: (d: Decided) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [correction, setCorrection] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = fw.nodes.find((n) => n.code === appeal.target)?.source?.from;
  const kind = from ? CORRECTABLE[from] : undefined;

  async function decide(decision: "accepted" | "rejected") {
    setError(null);
    if (!reason.trim()) {
      setError(new Error(t("请填写裁定理由。", "Give the reason for the decision.")));
      document.getElementById(`decision-reason-${appeal.id}`)?.focus();
      return;
    }
    if (decision === "accepted" && appeal.targetKind === "indicator" && kind && !correction.trim()) {
      setError(
        new Error(
          t("接受指标复核须给出更正后的值。", "Accepting an indicator appeal needs the corrected value."),
        ),
      );
      return;
    }
    setBusy(true);
    try {
      const before = await loadResult(code, appeal.bodyId).catch(() => null);
      const r = await api.post<{ id: number; state: "accepted" | "rejected"; run: number | null }>(
        `/appeals/${seg(appeal.id)}/decision`,
        {
          decision,
          reason: reason.trim(),
          ...(decision === "accepted" && appeal.targetKind === "indicator" && kind
            ? { correction: { kind, code: appeal.target, value: correction.trim() } }
            : {}),
        },
      );
      const after = await loadResult(code, appeal.bodyId).catch(() => null);
      onDecided({
        appeal,
        state: r.state,
        run: r.run,
        before: { total: totalOf(before), run: before?.run ?? null },
        after: { total: totalOf(after), run: after?.run ?? null },
      });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(e) => e.preventDefault()}
      className="work-form"
      aria-label={t(`裁定复核申请 #${appeal.id}（${bodyName}）`, `Decide appeal #${appeal.id} (${bodyName})`)}
    >
      {appeal.targetKind === "indicator" && (
        <CorrectionInput
          id={appeal.id}
          fw={fw}
          code={appeal.target}
          value={correction}
          onChange={setCorrection}
        />
      )}
      <label htmlFor={`decision-reason-${appeal.id}`}>{t("裁定理由", "Reason for the decision")}</label>
      <textarea
        id={`decision-reason-${appeal.id}`}
        rows={3}
        maxLength={20000}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="work-wide"
      />
      <ErrorBox error={error} />
      <p className="work-inline">
        <button type="button" disabled={busy} onClick={() => void decide("accepted")}>
          {t("接受", "Accept")}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void decide("rejected")}>
          {t("驳回", "Reject")}
        </button>
      </p>
    </form>
  );
}
