import type { FrameColumn } from '../../data/frame/frame';

/**
 * Columns a model should not see, with the reason recorded for the run report (Azure AutoML's guardrails):
 * nothing but missing values, a single value, or a value unique to (almost) every row — an identifier,
 * which a model can only memorise.
 */
export interface GuardrailOptions {
  /** Share of distinct values among non-missing rows above which a categorical column is ID-like. */
  readonly idUniqueRatio: number;
  /** Fewer non-missing rows than this are too few to call a column ID-like. */
  readonly idMinRows: number;
}

export const defaultGuardrails: GuardrailOptions = { idUniqueRatio: 0.95, idMinRows: 20 };

export function dropReason(column: FrameColumn, rows: number, options: GuardrailOptions): string | undefined {
  let present = 0;
  let distinct = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  if (column.kind === 'numeric') {
    const seen = new Set<number>();
    for (const v of column.values) {
      if (Number.isNaN(v)) continue;
      present++;
      seen.add(v);
      if (v < min) min = v;
      if (v > max) max = v;
    }
    distinct = seen.size;
  } else {
    const counts = new Int32Array(column.levels.length);
    for (const c of column.codes) {
      if (c < 0) continue;
      present++;
      if (counts[c]!++ === 0) distinct++;
    }
  }
  if (present === 0) return 'all values missing';
  if (distinct === 1 && present === rows) return 'constant: a single value in every row';
  if (present < options.idMinRows) return undefined;
  if (column.kind === 'categorical' && distinct >= options.idUniqueRatio * present) {
    return `ID-like: ${distinct} distinct values in ${present} rows`;
  }
  // Whole numbers in every row, all different, packed into a range hardly wider than the row count: a row
  // number or key (a real measurement with gaps, or with repeats, is kept).
  if (column.type === 'integer' && present === rows && distinct === rows && max - min + 1 <= 1.5 * rows) {
    return `ID-like: ${distinct} distinct consecutive integers in ${present} rows`;
  }
  return undefined;
}
