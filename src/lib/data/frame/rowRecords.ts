import type { Frame, FrameColumn } from './frame';

/** A row as JSON takes it: the scoring endpoint's input shape. */
export type RowRecord = Record<string, string | number | null>;

/**
 * The first `count` rows of a frame as records of the columns `names`, typed as the scoring endpoint takes
 * them: numbers, strings (levels), ISO date-times, null for missing. A column the frame lacks is null.
 */
export function rowRecords(frame: Frame, names: readonly string[], count: number): RowRecord[] {
  const byName = new Map(frame.columns.map((c) => [c.name, c]));
  const rows: RowRecord[] = [];
  for (let i = 0; i < Math.min(count, frame.rowCount); i++) {
    // fromEntries defines own keys: assigning row['__proto__'] would set the prototype and lose the column.
    rows.push(Object.fromEntries(names.map((name) => [name, cell(byName.get(name), i)])));
  }
  return rows;
}

function cell(column: FrameColumn | undefined, i: number): string | number | null {
  if (column === undefined) return null;
  if (column.kind === 'numeric') {
    const v = column.values[i]!;
    return Number.isNaN(v) ? null : column.type === 'datetime' ? new Date(v).toISOString() : v;
  }
  const code = column.codes[i]!;
  return code < 0 ? null : column.levels[code]!;
}
