import { type DependencyList, type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api.ts";
import { useI18n } from "../i18n.tsx";

/** Loads data for a screen; `reload` fetches again (after a change the screen made). */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
} {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the loader reads
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

// The first page after a load keeps the browser's own focus order (skip link first); later ones
// are client-side navigations, which a screen reader would not notice without the focus move.
let firstPage = true;

/** The page's one <h1>; it takes focus on navigation so screen readers announce the new page. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · govscore`;
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" aria-live="polite">
      {t("正在加载…", "Loading…")}
    </p>
  );
}

/** An error as the server said it (the API's messages are bilingual already); a 401 offers sign-in. */
export function ErrorBox({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? `${error.message} (${error.status} ${error.code})`
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <>
      <div className="error" role="alert">
        <strong>{t("出错了：", "Error: ")}</strong>
        {message}
      </div>
      {error instanceof ApiError && error.status === 401 && (
        <p>
          <Link to="/login">{t("前往登录", "Go to sign-in")}</Link>
        </p>
      )}
    </>
  );
}

/** Data for a screen, or its loading state, or its error. */
export function Loaded<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean };
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ErrorBox error={state.error} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

/** A polite live region for "saved" and similar confirmations. */
export function Status({ message }: { message: string | null }) {
  return (
    <p className="status" role="status" aria-live="polite">
      {message ?? ""}
    </p>
  );
}
