import { statSync } from 'node:fs';
import type { ReadProgress } from '../lib/data/csv/csvReader';

const EVERY_MS = 1000;
const MB = 1024 * 1024;

/**
 * A CSV read's progress, for stderr: at most one line a second, and none for a read that ends within it. A
 * file that cannot be read is left for the reader to report.
 */
export function readProgress(file: string, write: (line: string) => void, now = Date.now): (p: ReadProgress) => void {
  const total = sizeOf(file);
  const started = now();
  let last = started;
  return ({ bytes, rows }) => {
    const t = now();
    if (t - last < EVERY_MS) return;
    last = t;
    const of = total === undefined ? '' : ` of ${(total / MB).toFixed(0)} MB (${((100 * bytes) / total).toFixed(0)} %)`;
    const rate = Math.round(rows / ((t - started) / 1000)).toLocaleString('en');
    write(`reading ${file}: ${(bytes / MB).toFixed(0)} MB${of}, ${rows.toLocaleString('en')} rows, ${rate} rows/s\n`);
  };
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}
