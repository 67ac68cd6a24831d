import type { Task } from '../automl/types';
import type { ColumnProfile } from './profile/columnProfiler';
import { clean, isMissing, parseNumber } from './values';

export interface LeakageScore {
  readonly column: string;
  /** Classification: accuracy of predicting the class from this column alone; regression: R². */
  readonly score: number;
  readonly baseline: number;
}

const BINS = 20;
// A column whose buckets hold fewer rows than this on average memorises rather than predicts: not scored.
const MIN_ROWS_PER_BUCKET = 20;

function bucketOf(profile: ColumnProfile): (raw: string) => string | undefined {
  const q = profile.numeric?.quantiles;
  if (q === undefined) return (raw) => (isMissing(raw) ? undefined : clean(raw));
  const edges = Array.from({ length: BINS - 1 }, (_, i) => q[Math.round(((i + 1) * 100) / BINS)]!);
  return (raw) => {
    const x = parseNumber(raw);
    if (Number.isNaN(x)) return undefined;
    let b = 0;
    while (b < edges.length && x > edges[b]!) b++;
    return String(b);
  };
}

/**
 * How well one feature alone predicts the target on a row sample: each bucket of the feature (a level, or one
 * of 20 quantile bins) predicts its majority class (classification) or its mean (regression).
 */
export function singleFeatureScore(
  rows: readonly (readonly string[])[],
  feature: { index: number; profile: ColumnProfile },
  target: { index: number; task: Task },
): LeakageScore | undefined {
  const bucket = bucketOf(feature.profile);
  const groups = new Map<string, string[]>();
  const ys: string[] = [];
  for (const row of rows) {
    const y = row[target.index] ?? '';
    const b = bucket(row[feature.index] ?? '');
    if (b === undefined || isMissing(y)) continue;
    const group = groups.get(b) ?? [];
    group.push(clean(y));
    groups.set(b, group);
    ys.push(clean(y));
  }
  if (ys.length === 0 || ys.length / groups.size < MIN_ROWS_PER_BUCKET) return undefined;
  const name = feature.profile.name;
  if (target.task === 'regression') {
    const values = (g: readonly string[]) => g.map(Number);
    const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const all = values(ys);
    const mu = mean(all);
    const total = all.reduce((a, y) => a + (y - mu) ** 2, 0);
    let within = 0;
    for (const g of groups.values()) {
      const v = values(g);
      const m = mean(v);
      within += v.reduce((a, y) => a + (y - m) ** 2, 0);
    }
    return { column: name, score: total === 0 ? 0 : 1 - within / total, baseline: 0 };
  }
  const majority = (g: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const y of g) counts.set(y, (counts.get(y) ?? 0) + 1);
    return Math.max(...counts.values());
  };
  let correct = 0;
  for (const g of groups.values()) correct += majority(g);
  return { column: name, score: correct / ys.length, baseline: majority(ys) / ys.length };
}
