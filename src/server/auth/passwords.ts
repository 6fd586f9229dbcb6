import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A long enough password; the rest (managers, passphrases) is the user's choice. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return "密码至少 10 个字符 (a password needs at least 10 characters)";
  if (password.length > 200) return "密码过长 (the password is too long)";
  return null;
}
