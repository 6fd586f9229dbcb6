/** What places a body in a tier list or among bodies sharing a place. */
export interface OrderKey {
  /** Official order (State Council departments) or an explicit order column. */
  readonly order?: number | undefined;
  /** GB/T 2260 code; its digits run province → city → county, so text order is code order. */
  readonly divisionCode?: string | undefined;
}

/**
 * Administrative order: bodies with an explicit or official order first (national departments
 * come before local governments in every listing), then GB/T 2260 code order, then bodies with
 * neither, which keep the order they came in (Array.prototype.sort is stable).
 */
export function compareAdministrative(a: OrderKey, b: OrderKey): number {
  const ao = a.order;
  const bo = b.order;
  if (ao !== undefined || bo !== undefined) {
    if (ao === undefined) return 1;
    if (bo === undefined) return -1;
    if (ao !== bo) return ao - bo;
  }
  const ac = codeKey(a.divisionCode);
  const bc = codeKey(b.divisionCode);
  if (ac === undefined && bc === undefined) return 0;
  if (ac === undefined) return 1;
  if (bc === undefined) return -1;
  return ac < bc ? -1 : ac > bc ? 1 : 0;
}

/** Department codes (bmNN) before division codes: national bodies lead every listing. */
function codeKey(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  return code.startsWith("bm") ? `0${code}` : `1${code}`;
}

export function inAdministrativeOrder<T extends OrderKey>(items: readonly T[]): T[] {
  return [...items].sort(compareAdministrative);
}
