import { parseDatetime } from './datetime';

/** What one raw CSV value looks like. */
export type ValueKind = 'missing' | 'integer' | 'float' | 'boolean' | 'datetime' | 'text';

/** Tokens read as a missing value (besides the empty string and blanks). */
export const MISSING_TOKENS: readonly string[] = ['NA', 'N/A', 'null', 'NaN', '?'];
const MISSING = new Set([
  '',
  ...MISSING_TOKENS,
  ...MISSING_TOKENS.map((t) => t.toLowerCase()),
  ...MISSING_TOKENS.map((t) => t.toUpperCase()),
  'Null',
  '#N/A',
]);
// Only true/false words: yes/no columns (like the bank data's `y`) are categories with two levels.
const BOOLEAN = new Set(['true', 'false', 't', 'f']);

// Integers longer than this lose precision as doubles: they are identifiers, kept as text.
const MAX_INTEGER_DIGITS = 15;

/** Blank-padded values (`" 42 "`) are read without their padding; the common case allocates nothing. */
export function clean(v: string): string {
  const n = v.length;
  if (n === 0) return v;
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(n - 1);
  return first === 32 || last === 32 || first === 9 || last === 9 ? v.trim() : v;
}

/**
 * A copy of `v` that does not pin the text it was cut from: V8 slices of 13+ characters point into their
 * parent string, so keeping one value would keep its whole 1 MB chunk alive. Use for values that are kept.
 */
export function detach(v: string): string {
  return v.length < 13 ? v : ` ${v}`.slice(1);
}

export function isMissing(v: string): boolean {
  return MISSING.has(clean(v));
}

function numberKind(v: string): 'integer' | 'float' | undefined {
  const c = v.charCodeAt(0);
  // Only digits, a sign or a dot may start a number: rules out Infinity, hex-free words and most text fast.
  if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) return undefined;
  if (c === 48 && v.length > 1 && (v.charCodeAt(1) | 32) === 120) return undefined; // 0x1F is not a number in a CSV
  for (let i = 0; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch === 46 || ch === 101 || ch === 69) return 'float';
  }
  const digits = c === 45 || c === 43 ? v.length - 1 : v.length;
  return digits > MAX_INTEGER_DIGITS ? undefined : 'integer';
}

/** Kind of a value already passed through `clean`. */
export function classifyClean(v: string): ValueKind {
  if (MISSING.has(v)) return 'missing';
  const numeric = numberKind(v);
  if (numeric !== undefined) return numeric;
  if (v.length <= 5 && BOOLEAN.has(v.toLowerCase())) return 'boolean';
  if (!Number.isNaN(parseDatetime(v))) return 'datetime';
  return 'text';
}

export function classifyValue(v: string): ValueKind {
  return classifyClean(clean(v));
}

/** Number of a numeric value; NaN when missing or not a number. */
export function parseNumber(v: string): number {
  const s = clean(v);
  return numberKind(s) === undefined ? Number.NaN : Number(s);
}
