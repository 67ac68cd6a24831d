import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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
  if (given === null || given === undefined) return false;
  // Digests have one length whatever the keys', so neither an early exit nor the loop reveals the key's length.
  return timingSafeEqual(sha256(given), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function authLevelOf(value: unknown): AuthLevel {
  const level = typeof value === 'string' ? value.toLowerCase() : 'anonymous';
  if (level === 'anonymous' || level === 'function' || level === 'admin') return level;
  // 'system' and 'user' exist in Azure; treating them as keyed is the safe reading.
  return 'admin';
}
