import type { Frame, FrameColumn } from './frame';

/** Rows `index` of a frame, in that order (the rows with a target, a holdout, a validation sample). */
export function takeFrameRows(frame: Frame, index: Int32Array): Frame {
  return { rowCount: index.length, columns: frame.columns.map((c) => takeColumn(c, index)) };
}

/** Rows `index` of one column. */
export function takeColumn(c: FrameColumn, index: Int32Array): FrameColumn {
  if (c.kind === 'numeric') return { ...c, values: Float64Array.from(index, (i) => c.values[i]!) };
  return { ...c, codes: Int32Array.from(index, (i) => c.codes[i]!) };
}
