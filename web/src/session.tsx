import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api, setCsrfToken } from "./api.ts";

export type AccountRole = "admin" | "evaluator" | "expert" | "submitter";

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: AccountRole;
  bodyId: string | null;
}

interface Session {
  /** undefined while the first /auth/me is in flight; null when signed out. */
  account: Account | null | undefined;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  isStaff: boolean;
}

const Ctx = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  useEffect(() => {
    api
      .get<Account & { csrfToken: string }>("/auth/me")
      .then(({ csrfToken, ...a }) => {
        setCsrfToken(csrfToken);
        setAccount(a);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setAccount(null);
        else setAccount(null);
      });
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    const r = await api.post<{ account: Account; csrfToken: string }>("/auth/login", { username, password });
    setCsrfToken(r.csrfToken);
    setAccount(r.account);
  }, []);
  const logout = useCallback(async () => {
    await api.post("/auth/logout").catch(() => undefined);
    setCsrfToken(null);
    setAccount(null);
  }, []);
  const value = useMemo<Session>(
    () => ({
      account,
      login,
      logout,
      isStaff: account?.role === "admin" || account?.role === "evaluator",
    }),
    [account, login, logout],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}
