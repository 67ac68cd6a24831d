import type { CategoricalColumn, Frame, FrameColumn, NumericColumn } from '../../../../src/lib/data/frame/frame';

export function numeric(name: string, values: number[], type: NumericColumn['type'] = 'float'): NumericColumn {
  return { kind: 'numeric', name, type, values: Float64Array.from(values) };
}

/** Levels in first-seen order, null → missing (−1), as the data layer builds them. */
export function categorical(
  name: string,
  values: (string | null)[],
  type: CategoricalColumn['type'] = 'categorical',
): CategoricalColumn {
  const levels: string[] = [];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let c = levels.indexOf(v);
    if (c < 0) c = levels.push(v) - 1;
    return c;
  });
  return { kind: 'categorical', name, type, codes, levels };
}

export function frame(...columns: FrameColumn[]): Frame {
  return { rowCount: columns[0]!.kind === 'numeric' ? columns[0]!.values.length : columns[0]!.codes.length, columns };
}
