import { classifyValue, clean, type ValueKind } from '../cells/values';
import { RecordScanner } from './recordScanner';
import { type RowSyntax, rowParser } from './rowParser';

export interface Dialect extends RowSyntax {
  readonly header: boolean;
  /** Fields per record; trailing columns that are empty everywhere in the sample are not in `columns`. */
  readonly width: number;
  readonly columns: readonly string[];
  readonly bom: boolean;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
const SAMPLE_RECORDS = 100;

function countMatches(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

/** `'` only when single quotes wrap fields more often than double quotes do. */
function sniffQuote(sample: string): string {
  const wrapped = (q: string) =>
    countMatches(sample, new RegExp(`(^|[,;\\t|])${q}[^${q}\\n]*${q}(?=[,;\\t|\\r\\n]|$)`, 'gm'));
  const single = wrapped("'");
  return single >= 2 && single > wrapped('"') ? "'" : '"';
}

function fieldCounts(sample: string, final: boolean, delimiter: string, quote: string): number[] {
  const counts: number[] = [];
  new RecordScanner(delimiter, quote, 0).scan(sample, final, (_s, _e, fields) => {
    counts.push(fields);
    return counts.length < SAMPLE_RECORDS;
  });
  return counts;
}

function mode(values: readonly number[]): { value: number; share: number } {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let best = { value: 1, count: 0 };
  for (const [value, count] of freq) if (count > best.count) best = { value, count };
  return { value: best.value, share: values.length === 0 ? 0 : best.count / values.length };
}

/** The candidate splitting the sample into the most consistent number (≥ 2) of fields; comma on ties. */
function sniffDelimiter(sample: string, final: boolean, quote: string): { delimiter: string; width: number } {
  let best = { delimiter: ',', width: 1, share: 0 };
  for (const delimiter of DELIMITERS) {
    const m = mode(fieldCounts(sample, final, delimiter, quote));
    if (m.value < 2) continue;
    if (m.share > best.share || (m.share === best.share && m.value > best.width)) {
      best = { delimiter, width: m.value, share: m.share };
    }
  }
  return { delimiter: best.delimiter, width: best.width };
}

function group(kind: ValueKind): 'number' | 'datetime' | 'word' | 'missing' {
  if (kind === 'integer' || kind === 'float') return 'number';
  if (kind === 'datetime') return 'datetime';
  return kind === 'missing' ? 'missing' : 'word';
}

/**
 * Header or data? Like Python's csv.Sniffer: a column votes for a header when its first value is a word
 * above numbers or dates, and against when the first value is itself a number or date, or repeats below.
 */
export function looksLikeHeader(rows: readonly (readonly string[])[]): boolean {
  const first = rows[0];
  if (first === undefined) return false;
  const names = first.map(clean);
  let votes = 0;
  names.forEach((name, j) => {
    if (name === '') return;
    const own = group(classifyValue(name));
    if (own === 'number' || own === 'datetime') {
      votes--;
      return;
    }
    const below = rows.slice(1).map((r) => clean(r[j] ?? ''));
    const groups = new Set(below.map((v) => group(classifyValue(v))));
    groups.delete('missing');
    if (groups.size === 1 && (groups.has('number') || groups.has('datetime'))) votes++;
    else if (below.includes(name)) votes--;
  });
  if (votes !== 0) return votes > 0;
  const present = names.filter((n) => n !== '');
  return present.length === names.length && new Set(present).size === present.length;
}

/** Header names made usable: blanks become `column_{i}`, repeats get a `_2`, `_3` suffix. */
export function columnNames(header: readonly string[] | undefined, width: number): string[] {
  const seen = new Set<string>();
  return Array.from({ length: width }, (_, i) => {
    const raw = header === undefined ? '' : clean(header[i] ?? '');
    let name = raw === '' ? `column_${i + 1}` : raw;
    for (let k = 2; seen.has(name); k++) name = `${raw}_${k}`;
    seen.add(name);
    return name;
  });
}

/** Sniffs the dialect from the first chunk(s) of text; `final` when the sample is the whole file. */
export function sniffDialect(sample: string, final: boolean, bom: boolean): Dialect {
  const newline = sample.indexOf('\n');
  const lineEnding = newline > 0 && sample.charCodeAt(newline - 1) === 13 ? '\r\n' : '\n';
  const quote = sniffQuote(sample);
  const { delimiter, width } = sniffDelimiter(sample, final, quote);
  const syntax: RowSyntax = { delimiter, quote, lineEnding };
  const rows: string[][] = [];
  const scanner = new RecordScanner(delimiter, quote, width);
  const parse = rowParser(syntax, width);
  scanner.scan(sample, final, (start, end, fields) => {
    const text = sample.slice(start, end);
    if (fields === width) parse(text, (row) => rows.push(row));
    // A first line of another width may still be the header (e.g. one with a trailing delimiter).
    else if (rows.length === 0) rowParser(syntax, fields)(text, (row) => rows.push(row));
    return rows.length < SAMPLE_RECORDS;
  });
  const header = looksLikeHeader(rows);
  const data = header ? rows.slice(1) : rows;
  // Trailing columns with neither a name nor a value (lines ending in delimiters) are not columns.
  let kept = width;
  while (
    kept > 1 &&
    (!header || clean(rows[0]?.[kept - 1] ?? '') === '') &&
    data.every((r) => clean(r[kept - 1] ?? '') === '')
  ) {
    kept--;
  }
  return { ...syntax, header, width, columns: columnNames(header ? rows[0] : undefined, kept), bom };
}
