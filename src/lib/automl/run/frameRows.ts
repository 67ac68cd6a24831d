import type { Frame, FrameColumn } from '../../data/frame/frame';
import type { Random } from '../random';

/** Rows `index` of a frame (the rows with a target, a validation sample). */
export function takeFrameRows(frame: Frame, index: Int32Array): Frame {
  return { rowCount: index.length, columns: frame.columns.map((c) => takeColumn(c, index)) };
}

function takeColumn(c: FrameColumn, index: Int32Array): FrameColumn {
  if (c.kind === 'numeric') return { ...c, values: Float64Array.from(index, (i) => c.values[i]!) };
  return { ...c, codes: Int32Array.from(index, (i) => c.codes[i]!) };
}

/** The same frame with one column's values shuffled across rows (permutation importance). */
export function permuteColumn(frame: Frame, name: string, rng: Random): Frame {
  return {
    rowCount: frame.rowCount,
    columns: frame.columns.map((c) => {
      if (c.name !== name) return c;
      const order = rng.shuffle(Int32Array.from({ length: frame.rowCount }, (_, i) => i));
      return takeColumn(c, order);
    }),
  };
}
