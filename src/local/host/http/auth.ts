import { randomBytes } from 'node:crypto';

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
  expected: string,
  header: string | undefined,
  code: () => string | null,
): boolean {
  if (level === 'anonymous') return true;
  const given = header ?? code();
  if (given === null || given === undefined || given.length !== expected.length) return false;
  // Constant time over the key's length, like timingSafeEqual, without two buffers per request.
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

export function authLevelOf(value: unknown): AuthLevel {
  const level = typeof value === 'string' ? value.toLowerCase() : 'anonymous';
  if (level === 'anonymous' || level === 'function' || level === 'admin') return level;
  // 'system' and 'user' exist in Azure; treating them as keyed is the safe reading.
  return 'admin';
}
