import { parseNumber } from '../../data/cells/values';
import { column, type Frame } from '../../data/frame/frame';
import { userError } from '../../errors';

/** Label codes of a classification target besides a class index (≥ 0); regression marks a missing target NaN. */
export const MISSING_TARGET = -1;
export const UNSEEN_LABEL = -2;

/**
 * Maps a present label to its index in the model's class order, or UNSEEN_LABEL. A label matches its class by
 * text, or by value when both are numbers: a numeric target column trained as '1' (featurize/target.ts labels
 * numbers with String(v)) must still match a file that writes '1.0'. Every evaluation path maps labels here.
 */
export function classIndexer(classes: readonly string[]): (label: string) => number {
  const byText = new Map(classes.map((c, i) => [c, i]));
  const byValue = new Map<number, number>();
  classes.forEach((c, i) => {
    const v = parseNumber(c);
    if (!Number.isNaN(v) && !byValue.has(v)) byValue.set(v, i);
  });
  return (label) => {
    const exact = byText.get(label);
    if (exact !== undefined) return exact;
    const v = parseNumber(label);
    return Number.isNaN(v) ? UNSEEN_LABEL : (byValue.get(v) ?? UNSEEN_LABEL);
  };
}

/**
 * Each row's label of a labelled frame: class index, MISSING_TARGET or UNSEEN_LABEL (classification, `classes`
 * given), or the number, NaN when missing (regression). A frame reader gives NaN for a number that does not
 * parse, so for regression a target that is not a number counts as missing, as batch scoring counts it.
 */
export function frameLabels(
  frame: Frame,
  target: string,
  classes: readonly string[] | undefined,
): Int32Array | Float64Array {
  const c = column(frame, target);
  if (c === undefined) throw userError('target_missing', `The target column "${target}" is not in the data.`);
  const n = frame.rowCount;
  if (classes === undefined) {
    if (c.kind === 'numeric') return c.values;
    const byLevel = c.levels.map(parseNumber);
    return Float64Array.from(c.codes, (code) => (code < 0 ? Number.NaN : byLevel[code]!));
  }
  const indexOf = classIndexer(classes);
  const out = new Int32Array(n);
  if (c.kind === 'numeric') {
    for (let i = 0; i < n; i++) {
      const v = c.values[i]!;
      out[i] = Number.isNaN(v) ? MISSING_TARGET : indexOf(String(v));
    }
    return out;
  }
  const byLevel = c.levels.map(indexOf);
  for (let i = 0; i < n; i++) {
    const code = c.codes[i]!;
    out[i] = code < 0 ? MISSING_TARGET : byLevel[code]!;
  }
  return out;
}
