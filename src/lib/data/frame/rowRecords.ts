import type { Frame } from './frame';

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
    const row: RowRecord = {};
    for (const name of names) {
      const column = byName.get(name);
      if (column === undefined) row[name] = null;
      else if (column.kind === 'numeric') {
        const v = column.values[i]!;
        row[name] = Number.isNaN(v) ? null : column.type === 'datetime' ? new Date(v).toISOString() : v;
      } else {
        const code = column.codes[i]!;
        row[name] = code < 0 ? null : column.levels[code]!;
      }
    }
    rows.push(row);
  }
  return rows;
}
