import { useI18n, useName } from "../i18n.tsx";
import type { FwNode, TargetBody } from "./WorkApi.ts";
import { YesNoRadios } from "./WorkRubric.tsx";

/** A leaf a body fills in: a figure (number with unit) or a yes/no answer. */
export interface Field {
  node: FwNode;
  kind: "figure" | "answer";
  /** The id of the control (and the prefix of its hint and error ids). */
  id: string;
  percent: boolean;
}

export function fieldsOf(nodes: FwNode[]): Field[] {
  return nodes
    .filter((n) => n.leaf && (n.source?.from === "figure" || n.source?.from === "yesno"))
    .map((n, i) => ({
      node: n,
      kind: n.source?.from === "figure" ? "figure" : "answer",
      id: `field-${i}-${n.code.replace(/[^\w-]/g, "_")}`,
      percent:
        n.source?.from === "figure" &&
        (n.source.unit === "%" ||
          /[(（]\s*%\s*[)）]\s*$/.test(n.name.zh) ||
          /[(（]\s*%\s*[)）]\s*$/.test(n.name.en)),
    }));
}

/** Client-side check of one filled-in figure; null when it is fine. */
export function checkFigure(f: Field, raw: string, t: (zh: string, en: string) => string): string | null {
  const v = raw.trim();
  if (v === "") return null;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(v))
    return t("请输入数字（不带单位）。", "Enter a number (without the unit).");
  const n = Number(v);
  if (f.percent && (n < 0 || n > 100))
    return t("百分比应在 0 到 100 之间。", "A percentage must be between 0 and 100.");
  const max = f.node.source?.max;
  if (max !== undefined && n > max) return t(`不能超过 ${max}。`, `Must not exceed ${max}.`);
  if (n < 0) return t("不能为负数。", "Must not be negative.");
  return null;
}

/** One field with its label, unit, hint (points, what is recorded) and error. */
export function FieldInput({
  f,
  value,
  error,
  recorded,
  onChange,
}: {
  f: Field;
  value: string;
  error: string | undefined;
  recorded: string | null;
  onChange: (v: string) => void;
}) {
  const { t, num } = useI18n();
  const name = useName();
  const label = name(f.node.name);
  const unit = f.node.source?.unit ?? (f.percent ? "%" : undefined);
  const showUnit = unit && !label.includes(unit);
  const hintId = `${f.id}-hint`;
  const errorId = `${f.id}-error`;
  const describedBy = error ? `${errorId} ${hintId}` : hintId;
  const hint = (
    <p id={hintId} className="muted work-hint">
      {f.node.points !== null &&
        t(`满分 ${num(f.node.points, 0)} 分`, `up to ${num(f.node.points, 0)} points`)}
      {f.percent && ` · ${t("填 0–100 的百分数", "a percentage, 0–100")}`}
      {recorded !== null && ` · ${t("已记录", "recorded")}: ${recorded}`}
    </p>
  );
  const err = error && (
    <p id={errorId} className="field-error">
      {error}
    </p>
  );
  if (f.kind === "answer")
    return (
      <div className="work-field">
        <YesNoRadios
          name={f.id}
          legend={label}
          value={value === "是" || value === "否" ? value : ""}
          onChange={onChange}
          describedBy={describedBy}
          invalid={Boolean(error)}
          yes={t("是", "Yes")}
          no={t("否", "No")}
        />
        {hint}
        {err}
      </div>
    );
  return (
    <div className="work-field">
      <label htmlFor={f.id}>
        {label}
        {showUnit && t(`（${unit}）`, ` (${unit})`)}
      </label>
      <span className="work-inline">
        <input
          id={f.id}
          type="text"
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          autoComplete="off"
        />
        {unit && <span aria-hidden="true">{unit}</span>}
      </span>
      {hint}
      {err}
    </div>
  );
}

/** Staff choose the body a form acts for (a submitter's is fixed and shows no choice). */
export function BodyPicker({
  id,
  label,
  bodies,
  value,
  onChange,
}: {
  id: string;
  label: string;
  bodies: TargetBody[];
  value: string;
  onChange: (bodyId: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {bodies.map((b) => (
          <option key={b.bodyId} value={b.bodyId}>
            {b.name} ({b.bodyId})
          </option>
        ))}
      </select>
    </>
  );
}
