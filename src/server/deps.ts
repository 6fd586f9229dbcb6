import type { Resolver } from "../crawl/fetch.ts";
import type { Store } from "../store/open.ts";

/** What every route plugin is built with (kept apart from app.ts, which imports the routes). */
export interface RouteDeps {
  db: Store["db"];
  secureCookies: boolean;
  allowPrivate: boolean;
  /** `address:port` servers inspections may reach whatever the policy (the demo's fixtures). */
  allowEndpoints: readonly string[];
  /** Name resolution for inspections (default: the system's DNS). */
  resolver?: Resolver;
}
