import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../api.ts";
import { ErrorBox, PageTitle } from "../components/common.tsx";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";

export default function Login() {
  const { t } = useI18n();
  const { login, account } = useSession();
  const navigate = useNavigate();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(new Error(t("请输入用户名和密码。", "Enter your username and password.")));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await login(username.trim(), password);
      navigate("/");
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 429
          ? new Error(
              t(
                "登录尝试次数过多，请一分钟后再试。",
                "Too many sign-in attempts. Please wait a minute and try again.",
              ),
            )
          : err,
      );
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  const title = t("登录", "Sign in");
  return (
    <section className="sc-narrow">
      <PageTitle title={title}>{title}</PageTitle>
      {account && (
        <p>{t(`您已登录为 ${account.displayName}。`, `You are signed in as ${account.displayName}.`)}</p>
      )}
      <form onSubmit={submit} noValidate>
        <label htmlFor="login-username">{t("用户名", "Username")}</label>
        <input
          id="login-username"
          data-testid="login-username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="login-password">{t("密码", "Password")}</label>
        <input
          id="login-password"
          data-testid="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorBox error={error} />
        <p>
          <button type="submit" data-testid="login-submit" disabled={busy}>
            {busy ? t("正在登录…", "Signing in…") : t("登录", "Sign in")}
          </button>
        </p>
      </form>
    </section>
  );
}
