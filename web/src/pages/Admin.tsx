import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { ErrorBox, Loaded, PageTitle, Status, useLoad } from "../components/common.tsx";
import { asText, useDate } from "../components/ScoreCommon.tsx";
import type { AccountRole, AccountRow, AuditRow } from "../components/ScoreTypes.ts";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";

const ROLES: AccountRole[] = ["admin", "evaluator", "expert", "submitter"];

function useRoleName(): (r: string) => string {
  const { t } = useI18n();
  const names: Record<string, string> = {
    admin: t("管理员", "administrator"),
    evaluator: t("评估人员", "evaluator"),
    expert: t("专家", "expert"),
    submitter: t("单位填报员", "body submitter"),
  };
  return (r) => names[r] ?? r;
}

function NewAccountForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const roleName = useRoleName();
  const empty = { username: "", displayName: "", password: "", role: "evaluator" as AccountRole, bodyId: "" };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const r = await api.post<{ id: number }>("/accounts", {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        password: form.password,
        role: form.role,
        bodyId: form.role === "submitter" ? form.bodyId.trim() : null,
      });
      setMessage(
        t(`已创建账号 ${form.username}（编号 ${r.id}）。`, `Created account ${form.username} (id ${r.id}).`),
      );
      setForm(empty);
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="sc-form-grid" data-testid="new-account">
      <div>
        <label htmlFor="acc-username">{t("用户名", "Username")}</label>
        <input
          id="acc-username"
          required
          autoComplete="off"
          aria-describedby="acc-username-hint"
          value={form.username}
          onChange={set("username")}
        />
        <p id="acc-username-hint" className="sc-hint">
          {t("2–64 位字母、数字或 . _ @ -", "2–64 letters, digits or . _ @ -")}
        </p>
      </div>
      <div>
        <label htmlFor="acc-display">{t("显示名称", "Display name")}</label>
        <input id="acc-display" required value={form.displayName} onChange={set("displayName")} />
      </div>
      <div>
        <label htmlFor="acc-password">{t("初始密码", "Initial password")}</label>
        <input
          id="acc-password"
          type="password"
          required
          autoComplete="new-password"
          value={form.password}
          onChange={set("password")}
        />
      </div>
      <div>
        <label htmlFor="acc-role">{t("角色", "Role")}</label>
        <select id="acc-role" value={form.role} onChange={set("role")}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(r)}
            </option>
          ))}
        </select>
      </div>
      {form.role === "submitter" && (
        <div>
          <label htmlFor="acc-body">{t("所属单位代码", "Body id")}</label>
          <input
            id="acc-body"
            required
            aria-describedby="acc-body-hint"
            value={form.bodyId}
            onChange={set("bodyId")}
          />
          <p id="acc-body-hint" className="sc-hint">
            {t("填报账号须绑定一个单位。", "A submitter account acts for one body.")}
          </p>
        </div>
      )}
      <div className="sc-form-actions">
        <button type="submit" disabled={busy} data-testid="create-account">
          {t("创建账号", "Create account")}
        </button>
      </div>
      <div className="sc-form-feedback">
        <ErrorBox error={error} />
        <Status message={message} />
      </div>
    </form>
  );
}

function Accounts({ rows }: { rows: AccountRow[] }) {
  const { t } = useI18n();
  const roleName = useRoleName();
  return (
    <div className="sc-table-scroll">
      <table data-testid="account-table">
        <caption className="visually-hidden">{t("账号", "Accounts")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("用户名", "Username")}</th>
            <th scope="col">{t("显示名称", "Display name")}</th>
            <th scope="col">{t("角色", "Role")}</th>
            <th scope="col">{t("所属单位", "Body")}</th>
            <th scope="col">{t("状态", "State")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.username}</th>
              <td>{a.displayName}</td>
              <td>{roleName(a.role)}</td>
              <td>{a.bodyId ?? "—"}</td>
              <td>{a.disabled ? t("已停用", "disabled") : t("启用", "active")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Audit() {
  const { t } = useI18n();
  const date = useDate();
  const [entity, setEntity] = useState("");
  const [filter, setFilter] = useState("");
  const state = useLoad(
    () => api.get<AuditRow[]>(`/audit?limit=200${filter ? `&entity=${encodeURIComponent(filter)}` : ""}`),
    [filter],
  );
  return (
    <>
      <form
        className="sc-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(entity.trim());
        }}
      >
        <label htmlFor="audit-entity">
          {t("按对象类型筛选（如 evaluation、account）", "Filter by entity (e.g. evaluation, account)")}
        </label>
        <input id="audit-entity" value={entity} onChange={(e) => setEntity(e.target.value)} />
        <button type="submit">{t("筛选", "Filter")}</button>
      </form>
      <Loaded state={state}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t("没有记录。", "No entries.")}</p>
          ) : (
            <div className="sc-table-scroll">
              <table data-testid="audit-table">
                <caption className="visually-hidden">
                  {t("审计日志（最近 200 条）", "Audit log (latest 200)")}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("时间", "Time")}</th>
                    <th scope="col">{t("用户", "User")}</th>
                    <th scope="col">{t("操作", "Action")}</th>
                    <th scope="col">{t("对象", "Entity")}</th>
                    <th scope="col">{t("详情", "Detail")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{date(r.at)}</th>
                      <td>{r.username ?? "—"}</td>
                      <td>{r.action}</td>
                      <td>
                        {r.entity}
                        {r.entity_id ? ` ${r.entity_id}` : ""}
                      </td>
                      <td className="sc-small sc-crawled">{asText(r.detail)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}

export default function Admin() {
  const { t } = useI18n();
  const { account } = useSession();
  // The account list doubles as the access check: the API refuses anyone but an administrator.
  const accounts = useLoad(() => api.get<AccountRow[]>("/accounts"), [account?.id]);
  const title = t("账号与审计", "Accounts and audit");
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <Loaded state={accounts}>
        {(rows) => (
          <>
            <section aria-labelledby="accounts-h">
              <h2 id="accounts-h">{t("账号", "Accounts")}</h2>
              <Accounts rows={rows} />
              <h3>{t("新建账号", "New account")}</h3>
              <NewAccountForm onCreated={accounts.reload} />
            </section>
            <section aria-labelledby="audit-h">
              <h2 id="audit-h">{t("审计日志", "Audit log")}</h2>
              <Audit />
            </section>
          </>
        )}
      </Loaded>
    </section>
  );
}
