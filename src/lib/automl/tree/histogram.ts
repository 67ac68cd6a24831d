/**
 * Gradient histograms (LightGBM's feature_histogram): for each feature and bin, the sums of the rows'
 * gradient channels, hessian and row count. One flat Float64Array per leaf; feature j's bins start at
 * `binOffset[j] * stride`, each bin holding `stride = channels + 2` numbers: [g_0..g_{C-1}, h, count].
 * Boosting uses one gradient channel; forests use one per class (variance of one-hot targets = Gini).
 */
import type { BinnedDataset } from './binning';

export interface GradientSource {
  /** Number of gradient channels C. */
  readonly channels: number;
  /** Row-major gradients: grad[i * C + c]. */
  readonly grad: Float64Array;
  readonly hess: Float64Array;
}

export function histogramLength(binned: BinnedDataset, channels: number): number {
  return binned.totalBins * (channels + 2);
}

/**
 * Adds rows `index[start..end)` of the listed features into `hist` (zeroing those features first).
 * `scratch` must hold at least (end - start) * (channels + 1) numbers; the gradients are gathered into it
 * once in leaf order so the per-feature loops read them sequentially.
 */
export function buildHistogram(
  binned: BinnedDataset,
  source: GradientSource,
  index: Int32Array,
  start: number,
  end: number,
  features: Int32Array,
  hist: Float64Array,
  scratch: Float64Array,
): void {
  const channels = source.channels;
  const stride = channels + 2;
  const n = end - start;
  gatherGradients(source, index, start, n, scratch);
  for (let f = 0; f < features.length; f++) {
    const j = features[f]!;
    const base = binned.binOffset[j]! * stride;
    const column = binned.bins[j]!;
    const numBins = binned.mappers[j]!.numBins;
    hist.fill(0, base, base + numBins * stride);
    if (channels === 1 && numBins <= LANE_BINS && n >= 64) {
      addLowCardinality(column, index, start, n, numBins, scratch, hist, base);
    } else if (channels === 1) addOneChannel(column, index, start, n, scratch, hist, base);
    else addChannels(column, index, start, n, channels, scratch, hist, base);
  }
}

/*
 * The loops below each have a function of their own, with nothing after the loop that their first call has not
 * run: V8 compiles a long first call's loop on the fly (OSR), and OSR code reaching code that had not run yet
 * deoptimised at the same place on every later call (about 100,000 times in a 15 s AutoML run).
 */

/** The rows' gradients and hessians, in leaf order: `scratch[i * (C + 1) + c]`, hessian last. */
function gatherGradients(source: GradientSource, index: Int32Array, start: number, n: number, scratch: Float64Array) {
  const { channels, grad, hess } = source;
  const width = channels + 1;
  for (let i = 0; i < n; i++) {
    const row = index[start + i]!;
    const o = i * width;
    for (let c = 0; c < channels; c++) scratch[o + c] = grad[row * channels + c]!;
    scratch[o + channels] = hess[row]!;
  }
}

function addOneChannel(
  column: Uint8Array,
  index: Int32Array,
  start: number,
  n: number,
  scratch: Float64Array,
  hist: Float64Array,
  base: number,
): void {
  for (let i = 0; i < n; i++) {
    const b = base + column[index[start + i]!]! * 3;
    const o = i * 2;
    hist[b]! += scratch[o]!;
    hist[b + 1]! += scratch[o + 1]!;
    hist[b + 2]!++;
  }
}

function addChannels(
  column: Uint8Array,
  index: Int32Array,
  start: number,
  n: number,
  channels: number,
  scratch: Float64Array,
  hist: Float64Array,
  base: number,
): void {
  const width = channels + 1;
  const stride = channels + 2;
  for (let i = 0; i < n; i++) {
    const b = base + column[index[start + i]!]! * stride;
    const o = i * width;
    for (let c = 0; c <= channels; c++) hist[b + c]! += scratch[o + c]!;
    hist[b + stride - 1]!++;
  }
}

/**
 * Features with few bins put many consecutive rows in the same bin, and each add then waits for the
 * previous one to the same slot. Four interleaved partial histograms (rows i mod 4) break that chain.
 * Single-threaded scratch, so one module-level buffer serves every call.
 */
const LANE_BINS = 32;
const lanes = new Float64Array(4 * LANE_BINS * 3);

function addLowCardinality(
  column: Uint8Array,
  index: Int32Array,
  start: number,
  n: number,
  numBins: number,
  scratch: Float64Array,
  hist: Float64Array,
  base: number,
): void {
  const S = numBins * 3;
  lanes.fill(0, 0, 4 * S);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = i * 2;
    let b = column[index[start + i]!]! * 3;
    lanes[b]! += scratch[o]!;
    lanes[b + 1]! += scratch[o + 1]!;
    lanes[b + 2]!++;
    b = S + column[index[start + i + 1]!]! * 3;
    lanes[b]! += scratch[o + 2]!;
    lanes[b + 1]! += scratch[o + 3]!;
    lanes[b + 2]!++;
    b = 2 * S + column[index[start + i + 2]!]! * 3;
    lanes[b]! += scratch[o + 4]!;
    lanes[b + 1]! += scratch[o + 5]!;
    lanes[b + 2]!++;
    b = 3 * S + column[index[start + i + 3]!]! * 3;
    lanes[b]! += scratch[o + 6]!;
    lanes[b + 1]! += scratch[o + 7]!;
    lanes[b + 2]!++;
  }
  for (; i < n; i++) {
    const b = column[index[start + i]!]! * 3;
    lanes[b]! += scratch[i * 2]!;
    lanes[b + 1]! += scratch[i * 2 + 1]!;
    lanes[b + 2]!++;
  }
  for (let k = 0; k < S; k++) hist[base + k]! += lanes[k]! + lanes[S + k]! + lanes[2 * S + k]! + lanes[3 * S + k]!;
}

/** `into -= other` over the listed features: the larger child from its parent minus the smaller child. */
export function subtractHistogram(
  binned: BinnedDataset,
  channels: number,
  features: Int32Array,
  into: Float64Array,
  other: Float64Array,
): void {
  const stride = channels + 2;
  for (let f = 0; f < features.length; f++) {
    const j = features[f]!;
    const base = binned.binOffset[j]! * stride;
    const stop = base + binned.mappers[j]!.numBins * stride;
    for (let k = base; k < stop; k++) into[k]! -= other[k]!;
  }
}
