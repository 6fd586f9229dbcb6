import { type FormEvent, useState } from "react";
import { api, seg } from "../api.ts";
import { useI18n, useName } from "../i18n.tsx";
import { useSession } from "../session.tsx";
import { ErrorBox, Status, useLoad } from "./common.tsx";
import { type Evaluation, loadBodies, loadFramework } from "./WorkApi.ts";

/** Staff assign one indicator × body to an expert (POST /evaluations/:code/tasks). */
export function WorkAssignForm({
  evaluations,
  experts,
  onAssigned,
}: {
  evaluations: Evaluation[];
  experts: string[];
  onAssigned: () => void;
}) {
  const { t } = useI18n();
  const name = useName();
  const { account } = useSession();
  const open = evaluations.filter((e) => e.status !== "published");
  const [code, setCode] = useState("");
  const chosen = code || open[0]?.code || "";
  const [bodyId, setBodyId] = useState("");
  const [indicator, setIndicator] = useState("");
  const [expert, setExpert] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const meta = useLoad(async () => {
    if (!chosen) return null;
    const [fw, bodies] = await Promise.all([loadFramework(chosen), loadBodies(chosen)]);
    return { fw, bodies };
  }, [chosen]);
  const accounts = useLoad(
    () =>
      account?.role === "admin"
        ? api.get<{ username: string; role: string; disabled?: boolean }[]>("/accounts").catch(() => [])
        : Promise.resolve([]),
    [account?.role],
  );
  const known = [
    ...new Set([
      ...experts,
      ...(accounts.data ?? []).filter((a) => a.role === "expert" && !a.disabled).map((a) => a.username),
    ]),
  ].sort();
  const rubrics = meta.data?.fw.nodes.filter((n) => n.leaf && n.source?.from === "rubric") ?? [];
  const bodies = meta.data?.bodies ?? [];
  const body = bodyId || bodies[0]?.bodyId || "";
  const leaf = indicator || rubrics[0]?.code || "";

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setStatus(null);
    setBusy(true);
    try {
      const r = await api.post<{ id: number }>(`/evaluations/${seg(chosen)}/tasks`, {
        expert: expert.trim(),
        bodyId: body,
        indicator: leaf,
      });
      setStatus(t(`已分派任务 #${r.id}。`, `Task #${r.id} assigned.`));
      onAssigned();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (open.length === 0) return null;
  return (
    <section aria-labelledby="assign-h" className="panel">
      <h2 id="assign-h">{t("分派评分任务", "Assign a scoring task")}</h2>
      <form onSubmit={submit} className="work-form">
        <label htmlFor="assign-evaluation">{t("评估", "Evaluation")}</label>
        <select
          id="assign-evaluation"
          value={chosen}
          onChange={(e) => {
            setCode(e.target.value);
            setBodyId("");
            setIndicator("");
          }}
        >
          {open.map((ev) => (
            <option key={ev.code} value={ev.code}>
              {ev.name} ({ev.code})
            </option>
          ))}
        </select>
        <ErrorBox error={meta.error} />
        <label htmlFor="assign-body">{t("被评估单位", "Body")}</label>
        <select id="assign-body" value={body} onChange={(e) => setBodyId(e.target.value)} required>
          {bodies.map((b) => (
            <option key={b.bodyId} value={b.bodyId}>
              {b.name} ({b.bodyId})
            </option>
          ))}
        </select>
        <label htmlFor="assign-indicator">{t("专家评分指标", "Rubric indicator")}</label>
        <select id="assign-indicator" value={leaf} onChange={(e) => setIndicator(e.target.value)} required>
          {rubrics.map((n) => (
            <option key={n.code} value={n.code}>
              {name(n.name)} ({n.code})
            </option>
          ))}
        </select>
        <label htmlFor="assign-expert">{t("专家账号（用户名）", "Expert (username)")}</label>
        <input
          id="assign-expert"
          list="assign-experts"
          value={expert}
          onChange={(e) => setExpert(e.target.value)}
          required
          autoComplete="off"
        />
        <datalist id="assign-experts">
          {known.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
        <p>
          <button type="submit" disabled={busy || !body || !leaf}>
            {t("分派任务", "Assign task")}
          </button>
        </p>
      </form>
      <ErrorBox error={error} />
      <Status message={status} />
    </section>
  );
}
