/**
 * A category named for an evaluation, as `--category` takes it: a name or code, optionally with
 * the title a release gives it (`重点城市=重点城市数字政府服务能力评估`).
 */
export interface CategorySpec {
  readonly category: string;
  readonly title?: string | undefined;
}

export function parseCategorySpec(text: string): CategorySpec {
  const at = text.indexOf("=");
  if (at < 0) return { category: text.trim() };
  const title = text.slice(at + 1).trim();
  return { category: text.slice(0, at).trim(), ...(title ? { title } : {}) };
}
