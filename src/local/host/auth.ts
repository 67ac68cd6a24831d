import { randomBytes, timingSafeEqual } from 'node:crypto';

export type AuthLevel = 'anonymous' | 'function' | 'admin';

/** The key `function` and `admin` routes need: LOCAL_FUNCTION_KEY, or a fresh one printed at start. */
export function resolveFunctionKey(configured: string | undefined): { key: string; generated: boolean } {
  if (configured !== undefined && configured.trim() !== '') return { key: configured.trim(), generated: false };
  return { key: randomBytes(24).toString('base64url'), generated: true };
}

/**
 * Checks a request's key (header `x-functions-key`, else query `code`, parsed only when needed) against the host key. One key serves
 * both levels locally; in Azure, admin needs the master key.
 */
export function isAuthorized(
  level: AuthLevel,
  expected: Buffer,
  header: string | undefined,
  code: () => string | null,
): boolean {
  if (level === 'anonymous') return true;
  const given = header ?? code();
  if (given === null || given === undefined) return false;
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

export function authLevelOf(value: unknown): AuthLevel {
  const level = typeof value === 'string' ? value.toLowerCase() : 'anonymous';
  if (level === 'anonymous' || level === 'function' || level === 'admin') return level;
  // 'system' and 'user' exist in Azure; treating them as keyed is the safe reading.
  return 'admin';
}
