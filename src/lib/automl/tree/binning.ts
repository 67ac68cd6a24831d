/**
 * Quantile binning (LightGBM's dataset construction): each feature is mapped once to at most 255 small
 * integer bins so tree growth works on Uint8Array columns and histograms instead of raw values.
 * Bin 0 is reserved for missing values (NaN) in every feature; value bins are 1..numBins-1.
 *
 * Numeric feature: bin b ≥ 1 holds values x with upper[b-1] < x ≤ upper[b] (upper[last] = +∞), so a split
 * "bins 1..b go left" is exactly the raw test "x ≤ upper[b]" and prediction needs no binning.
 * Categorical feature: codes map to bins through `codeToBin`; when there are more codes than bins the
 * rarest codes share the last bin.
 */
import type { Dataset } from '../types';

export const MAX_BINS = 255;
/** Rows sampled to find bin boundaries (LightGBM's bin_construct_sample_cnt); binning itself sees every row. */
const BOUNDARY_SAMPLE = 200_000;

export interface NumericBinMapper {
  readonly kind: 'numeric';
  /** upper[b] for value bins b = 1..numBins-1 (upper[0] unused, the last is +∞). */
  readonly upper: Float64Array;
  readonly numBins: number;
}

export interface CategoricalBinMapper {
  readonly kind: 'categorical';
  /** Bin of each category code; codes ≥ categories (unseen) fall in bin 0 with the missing values. */
  readonly codeToBin: Int32Array;
  readonly numBins: number;
}

export type BinMapper = NumericBinMapper | CategoricalBinMapper;

export interface BinnedDataset {
  readonly rows: number;
  readonly mappers: readonly BinMapper[];
  /** Column-major bins, one Uint8Array per feature. */
  readonly bins: readonly Uint8Array[];
  /** Start of each feature's bins in a flat histogram (sum of the previous features' numBins). */
  readonly binOffset: Int32Array;
  readonly totalBins: number;
}

const cache = new WeakMap<Dataset, Map<number, BinnedDataset>>();

/** Bins a dataset once per (dataset object, maxBins): trials of a search over the same data share it. */
export function binnedDataset(data: Dataset, maxBins = MAX_BINS): BinnedDataset {
  let byBins = cache.get(data);
  if (byBins === undefined) {
    byBins = new Map();
    cache.set(data, byBins);
  }
  let binned = byBins.get(maxBins);
  if (binned === undefined) {
    binned = applyBinning(fitBinMappers(data, maxBins), data);
    byBins.set(maxBins, binned);
  }
  return binned;
}

export function fitBinMappers(data: Dataset, maxBins = MAX_BINS): BinMapper[] {
  if (!(maxBins >= 3 && maxBins <= MAX_BINS)) throw new RangeError(`maxBins must be in 3..${MAX_BINS}`);
  return data.features.map((info, j) => {
    const column = data.columns[j]!;
    return info.kind === 'categorical'
      ? categoricalMapper(column, info.categories ?? 0, maxBins)
      : numericMapper(column, maxBins);
  });
}

/** Bins `data` with mappers fitted elsewhere (e.g. a validation set with the training boundaries). */
export function applyBinning(mappers: readonly BinMapper[], data: Dataset): BinnedDataset {
  const rows = data.rows;
  const binOffset = new Int32Array(mappers.length);
  let totalBins = 0;
  const bins = mappers.map((mapper, j) => {
    binOffset[j] = totalBins;
    totalBins += mapper.numBins;
    const column = data.columns[j]!;
    const out = new Uint8Array(rows);
    if (mapper.kind === 'numeric') binNumeric(column, mapper.upper, mapper.numBins, out);
    else binCategorical(column, mapper.codeToBin, out);
    return out;
  });
  return { rows, mappers, bins, binOffset, totalBins };
}

function binNumeric(column: Float64Array, upper: Float64Array, numBins: number, out: Uint8Array): void {
  const last = numBins - 1;
  for (let i = 0; i < column.length; i++) {
    const x = column[i]!;
    if (Number.isNaN(x)) continue; // NaN stays in bin 0
    // First bin b in 1..last with x ≤ upper[b]; the last bin's bound is +∞.
    let lo = 1;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x <= upper[mid]!) hi = mid;
      else lo = mid + 1;
    }
    out[i] = lo;
  }
}

function binCategorical(column: Float64Array, codeToBin: Int32Array, out: Uint8Array): void {
  for (let i = 0; i < column.length; i++) {
    const x = column[i]!;
    const code = x >= 0 && x < codeToBin.length ? Math.floor(x) : -1;
    out[i] = code < 0 ? 0 : codeToBin[code]!;
  }
}

/** Sorted finite values of (a deterministic, evenly strided sample of) a column. */
function sortedSample(column: Float64Array): Float64Array {
  const step = Math.max(1, Math.ceil(column.length / BOUNDARY_SAMPLE));
  const values = new Float64Array(Math.ceil(column.length / step));
  let n = 0;
  for (let i = 0; i < column.length; i += step) {
    const x = column[i]!;
    if (!Number.isNaN(x)) values[n++] = x;
  }
  return values.subarray(0, n).sort();
}

/**
 * Equal-frequency boundaries over distinct values (LightGBM's greedy binning): a value frequent enough
 * to fill a bin gets one of its own; boundaries sit halfway between neighbouring distinct values.
 */
function numericMapper(column: Float64Array, maxBins: number): NumericBinMapper {
  const sorted = sortedSample(column);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    if (distinct.length > 0 && distinct[distinct.length - 1] === x) counts[counts.length - 1]!++;
    else {
      distinct.push(x);
      counts.push(1);
    }
  }
  const valueBins = maxBins - 1;
  const cuts: number[] = [];
  if (distinct.length <= valueBins) {
    for (let k = 0; k + 1 < distinct.length; k++) cuts.push(midpoint(distinct[k]!, distinct[k + 1]!));
  } else {
    let remaining = sorted.length;
    let binsLeft = valueBins;
    let filled = 0;
    for (let k = 0; k + 1 < distinct.length && binsLeft > 1; k++) {
      filled += counts[k]!;
      remaining -= counts[k]!;
      const target = (filled + remaining) / binsLeft;
      // Close the bin when it is full, or when the next value alone would overfill it.
      if (filled >= target || filled + counts[k + 1]! > target * 1.5) {
        cuts.push(midpoint(distinct[k]!, distinct[k + 1]!));
        binsLeft--;
        filled = 0;
      }
    }
  }
  const upper = new Float64Array(cuts.length + 2);
  for (let b = 0; b < cuts.length; b++) upper[b + 1] = cuts[b]!;
  upper[cuts.length + 1] = Number.POSITIVE_INFINITY;
  return { kind: 'numeric', upper, numBins: cuts.length + 2 };
}

/** A boundary strictly below `b` and not below `a`, robust to adjacent floats. */
function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m < b ? m : a;
}

/** Categories get a bin each by decreasing frequency; the rarest share the last bin when they do not fit. */
function categoricalMapper(column: Float64Array, categories: number, maxBins: number): CategoricalBinMapper {
  const count = new Float64Array(categories);
  for (let i = 0; i < column.length; i++) {
    const x = column[i]!;
    if (x >= 0 && x < categories) count[Math.floor(x)]!++;
  }
  const order = Array.from({ length: categories }, (_, c) => c).sort((a, b) => count[b]! - count[a]! || a - b);
  const codeToBin = new Int32Array(categories);
  const valueBins = maxBins - 1;
  order.forEach((code, rank) => {
    codeToBin[code] = Math.min(rank, valueBins - 1) + 1;
  });
  return { kind: 'categorical', codeToBin, numBins: Math.min(categories, valueBins) + 1 };
}
