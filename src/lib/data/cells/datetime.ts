/**
 * Datetimes a CSV commonly holds: ISO 8601 (date, date-time, with or without zone), `YYYY/MM/DD`, and
 * `MM/DD/YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY`, each with an optional ` HH:MM[:SS]`. Values become epoch ms (UTC
 * when no zone is given). Slash dates are month-first unless the column shows a day above 12 first.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const YEAR_FIRST = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const YEAR_LAST = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return Number.NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31 February over into March: reject dates that do not exist.
  return new Date(t).getUTCDate() === d ? t : Number.NaN;
}

const num = (s: string | undefined): number => (s === undefined ? 0 : Number(s));

/** Epoch ms of `v`, or NaN when it is not a datetime in a supported format. */
export function parseDatetime(v: string, dayFirst = false): number {
  const c = v.charCodeAt(0);
  if (c < 48 || c > 57) return Number.NaN;
  let m = ISO.exec(v);
  if (m !== null) {
    const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
    const t = utc(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]), ms);
    const zone = m[8];
    if (zone === undefined || Number.isNaN(t)) return t;
    if (zone === 'Z') return t;
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    return t - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  m = YEAR_FIRST.exec(v);
  if (m !== null) return utc(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]));
  m = YEAR_LAST.exec(v);
  if (m !== null) {
    const a = num(m[1]);
    const b = num(m[3]);
    // Dotted dates are European (day first); a first part above 12 can only be a day.
    const dayFirstHere = m[2] === '.' || a > 12 || (dayFirst && b <= 12);
    const [day, month] = dayFirstHere ? [a, b] : [b, a];
    return utc(num(m[4]), month, day, num(m[5]), num(m[6]), num(m[7]));
  }
  return Number.NaN;
}

/** True when `v` is a slash date whose first part can only be a day (e.g. 31/01/2024). */
export function isDayFirstDate(v: string): boolean {
  const m = YEAR_LAST.exec(v);
  return m !== null && m[2] === '/' && num(m[1]) > 12;
}
