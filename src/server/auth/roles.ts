import type { AccountRole } from "../../store/schema.ts";

/** Who may call a route: the account roles, and `public` for anyone, signed in or not. */
export type Role = AccountRole | "public";
export const ROLES: readonly Role[] = ["admin", "evaluator", "expert", "submitter", "public"];

export const STAFF: Role[] = ["admin", "evaluator"];
export const SIGNED_IN: Role[] = ["admin", "evaluator", "expert", "submitter"];

export interface Caller {
  id: number;
  username: string;
  role: AccountRole;
  bodyId: string | null;
  csrfToken: string;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Required on every /api route: registering one without it fails at start-up. */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    caller: Caller | null;
  }
}
