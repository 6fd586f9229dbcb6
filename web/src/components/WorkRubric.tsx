import type { KeyboardEvent, ReactNode } from "react";
import { useLabels } from "./WorkCommon.tsx";

/**
 * A rubric's levels as one radio group: <fieldset><legend>, each radio labelled "A（5 分）".
 * Enter on a radio submits the form it is in.
 */
export function LevelRadios({
  name,
  legend,
  levels,
  value,
  onChange,
  describedBy,
}: {
  /** Unique on the page: it names the radio group. */
  name: string;
  legend: ReactNode;
  levels: Record<string, number>;
  value: string;
  onChange: (level: string) => void;
  describedBy?: string | undefined;
}) {
  const L = useLabels();
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  };
  return (
    <fieldset className="work-levels" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {Object.entries(levels).map(([level, points]) => {
        const id = `${name}-${level}`;
        return (
          <div key={level} className="work-radio">
            <input
              type="radio"
              id={id}
              name={name}
              value={level}
              checked={value === level}
              onChange={() => onChange(level)}
              onKeyDown={onKeyDown}
            />
            <label htmlFor={id}>{L.levelPoints(level, points)}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** 是/否 as a radio group (a yes/no indicator, a correction to one). */
export function YesNoRadios({
  name,
  legend,
  value,
  onChange,
  describedBy,
  invalid,
  yes,
  no,
}: {
  name: string;
  legend: ReactNode;
  value: "" | "是" | "否";
  onChange: (v: "是" | "否") => void;
  describedBy?: string | undefined;
  invalid?: boolean;
  yes: string;
  no: string;
}) {
  return (
    <fieldset className="work-levels" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {(
        [
          ["是", yes],
          ["否", no],
        ] as const
      ).map(([v, label]) => (
        <div key={v} className="work-radio">
          <input
            type="radio"
            id={`${name}-${v === "是" ? "yes" : "no"}`}
            name={name}
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
          />
          <label htmlFor={`${name}-${v === "是" ? "yes" : "no"}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}
