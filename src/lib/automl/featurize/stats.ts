/** Median of the non-missing values (mean of the middle two for an even count, as numpy); NaN when none. */
export function median(values: Float64Array): number {
  let n = 0;
  for (const v of values) if (!Number.isNaN(v)) n++;
  if (n === 0) return Number.NaN;
  const sorted = new Float64Array(n);
  let k = 0;
  for (const v of values) if (!Number.isNaN(v)) sorted[k++] = v;
  sorted.sort();
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}
