import type { Store } from "../store/open.ts";

/** What every route plugin is built with (kept apart from app.ts, which imports the routes). */
export interface RouteDeps {
  db: Store["db"];
  secureCookies: boolean;
  allowPrivate: boolean;
}
