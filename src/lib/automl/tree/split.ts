/**
 * Best-split search over one leaf's histogram (LightGBM's FindBestThreshold*). Numeric features scan
 * bin boundaries twice, once with the missing bin on each side, so missing values go where they help.
 * Categorical features with few categories try one-vs-rest; otherwise categories are ordered by
 * sum_grad / (sum_hess + catSmooth) and the best prefix of that order (from either end) goes left.
 * With `randomThresholds` (extra trees) each feature gets one random cut instead of a scan.
 */
import type { Random } from '../random';
import type { BinnedDataset } from './binning';

export interface SplitConfig {
  readonly lambdaL2: number;
  readonly minDataInLeaf: number;
  readonly minSumHessian: number;
  readonly minGain: number;
  readonly catSmooth: number;
  readonly catL2: number;
  readonly maxCatThreshold: number;
  readonly maxCatToOnehot: number;
  readonly minDataPerGroup: number;
  readonly randomThresholds: boolean;
}

export interface SplitInfo {
  feature: number;
  gain: number;
  categorical: boolean;
  /** Numeric: the last value bin that goes left. */
  thresholdBin: number;
  /** Categorical: 1 for bins that go left (bin 0 = missing/unseen). */
  leftBins: Uint8Array | null;
  defaultLeft: boolean;
  /** Sums [g_0..g_{C-1}, h, count] of each side. */
  readonly left: Float64Array;
  readonly right: Float64Array;
}

export function emptySplit(channels: number): SplitInfo {
  return {
    feature: -1,
    gain: Number.NEGATIVE_INFINITY,
    categorical: false,
    thresholdBin: 0,
    leftBins: null,
    defaultLeft: false,
    left: new Float64Array(channels + 2),
    right: new Float64Array(channels + 2),
  };
}

/** Σ_c G_c² / (H + λ): twice the loss reduction of a Newton step on one side. */
function sideScore(sums: Float64Array, offset: number, channels: number, lambda: number): number {
  const h = sums[offset + channels]! + lambda;
  if (!(h > 0)) return 0;
  let s = 0;
  for (let c = 0; c < channels; c++) {
    const g = sums[offset + c]!;
    s += g * g;
  }
  return s / h;
}

/** Scratch reused across calls so the search allocates nothing per leaf. */
export class SplitFinder {
  private readonly acc: Float64Array;
  private readonly rest: Float64Array;
  private readonly order: Int32Array;
  private readonly ratio: Float64Array;

  constructor(
    private readonly binned: BinnedDataset,
    private readonly channels: number,
    private readonly config: SplitConfig,
  ) {
    this.acc = new Float64Array(channels + 2);
    this.rest = new Float64Array(channels + 2);
    this.order = new Int32Array(256);
    this.ratio = new Float64Array(256);
  }

  /** Writes the best split over `features` into `best` (gain −∞ when none qualifies). */
  find(hist: Float64Array, features: Int32Array, sums: Float64Array, rng: Random | null, best: SplitInfo): void {
    best.feature = -1;
    best.gain = Number.NEGATIVE_INFINITY;
    const parent = sideScore(sums, 0, this.channels, this.config.lambdaL2);
    for (let f = 0; f < features.length; f++) {
      const j = features[f]!;
      if (this.binned.mappers[j]!.kind === 'numeric') this.numeric(hist, j, sums, parent, rng, best);
      else this.categorical(hist, j, sums, rng, best);
    }
  }

  private numeric(
    hist: Float64Array,
    j: number,
    sums: Float64Array,
    parent: number,
    rng: Random | null,
    best: SplitInfo,
  ): void {
    const C = this.channels;
    const stride = C + 2;
    const cnt = C + 1;
    const base = this.binned.binOffset[j]! * stride;
    const numBins = this.binned.mappers[j]!.numBins;
    const { lambdaL2, minDataInLeaf, minSumHessian, minGain } = this.config;
    const total = sums[cnt]!;
    const totalH = sums[C]!;
    const missingCount = hist[base + cnt]!;
    let lo = 1;
    let hi = numBins - 2;
    if (rng !== null) {
      // Extra trees: one cut drawn uniformly between the first and last cuts that leave minDataInLeaf
      // non-missing rows on both sides, so a leaf that can split always gets a usable cut.
      const values = total - missingCount;
      let seen = 0;
      let first = -1;
      let last = -1;
      for (let b = 1; b <= numBins - 2; b++) {
        const c = hist[base + b * stride + cnt]!;
        if (c === 0) continue;
        seen += c;
        if (seen >= minDataInLeaf && values - seen >= minDataInLeaf && values - seen > 0) {
          if (first < 0) first = b;
          last = b;
        }
      }
      if (first < 0) return;
      lo = first + rng.int(last - first + 1);
      hi = lo;
    }
    const acc = this.acc;
    for (let pass = 0; pass < (missingCount > 0 ? 2 : 1); pass++) {
      const missingLeft = pass === 1;
      for (let k = 0; k < stride; k++) acc[k] = missingLeft ? hist[base + k]! : 0;
      for (let b = 1; b < lo; b++) for (let k = 0; k < stride; k++) acc[k]! += hist[base + b * stride + k]!;
      for (let b = lo; b <= hi; b++) {
        const o = base + b * stride;
        if (hist[o + cnt] === 0 && rng === null) continue;
        for (let k = 0; k < stride; k++) acc[k]! += hist[o + k]!;
        const leftCount = acc[cnt]!;
        if (leftCount < minDataInLeaf || acc[C]! < minSumHessian) continue;
        if (total - leftCount < minDataInLeaf || totalH - acc[C]! < minSumHessian) break;
        let gain = sideScore(acc, 0, C, lambdaL2) - parent;
        const hR = totalH - acc[C]! + lambdaL2;
        let sR = 0;
        for (let c = 0; c < C; c++) {
          const g = sums[c]! - acc[c]!;
          sR += g * g;
        }
        gain += hR > 0 ? sR / hR : 0;
        if (gain > best.gain && gain > minGain) {
          best.gain = gain;
          best.feature = j;
          best.categorical = false;
          best.thresholdBin = b;
          best.leftBins = null;
          // Without missing values in training, unseen NaN follows the larger side.
          best.defaultLeft = missingCount > 0 ? missingLeft : acc[C]! >= totalH - acc[C]!;
          for (let k = 0; k < stride; k++) {
            best.left[k] = acc[k]!;
            best.right[k] = sums[k]! - acc[k]!;
          }
        }
      }
    }
  }

  private categorical(hist: Float64Array, j: number, sums: Float64Array, rng: Random | null, best: SplitInfo): void {
    const C = this.channels;
    const stride = C + 2;
    const cnt = C + 1;
    const base = this.binned.binOffset[j]! * stride;
    const numBins = this.binned.mappers[j]!.numBins;
    const cfg = this.config;
    const total = sums[cnt]!;
    const totalH = sums[C]!;
    const lambda = cfg.lambdaL2 + cfg.catL2;
    const parent = sideScore(sums, 0, C, lambda);
    // Order by the gradient channel that carries most signal in this leaf (the only one when C = 1).
    let channel = 0;
    for (let c = 1; c < C; c++) if (Math.abs(sums[c]!) > Math.abs(sums[channel]!)) channel = c;
    const order = this.order;
    const ratio = this.ratio;
    let used = 0;
    let occupied = 0;
    const oneHot = numBins - 1 <= cfg.maxCatToOnehot;
    for (let b = 0; b < numBins; b++) {
      const o = base + b * stride;
      const n = hist[o + cnt]!;
      if (n > 0) occupied++;
      if (oneHot ? n > 0 : n >= cfg.catSmooth) {
        order[used] = b;
        ratio[b] = hist[o + channel]! / (hist[o + C]! + cfg.catSmooth);
        used++;
      }
    }
    if (occupied < 2 || used === 0) return;
    const acc = this.acc;
    const rest = this.rest;
    const consider = (leftBins: number, dir: number, first: number): void => {
      const leftCount = acc[cnt]!;
      const rightCount = total - leftCount;
      if (leftCount < cfg.minDataInLeaf || rightCount < cfg.minDataInLeaf) return;
      if (acc[C]! < cfg.minSumHessian || totalH - acc[C]! < cfg.minSumHessian) return;
      for (let k = 0; k < stride; k++) rest[k] = sums[k]! - acc[k]!;
      const gain = sideScore(acc, 0, C, lambda) + sideScore(rest, 0, C, lambda) - parent;
      if (!(gain > best.gain && gain > cfg.minGain)) return;
      best.gain = gain;
      best.feature = j;
      best.categorical = true;
      best.thresholdBin = 0;
      const mask = new Uint8Array(numBins);
      for (let i = 0; i < leftBins; i++) mask[order[dir > 0 ? first + i : first - i]!] = 1;
      best.leftBins = mask;
      best.defaultLeft = mask[0] === 1;
      for (let k = 0; k < stride; k++) {
        best.left[k] = acc[k]!;
        best.right[k] = rest[k]!;
      }
    };
    if (oneHot) {
      const pick = rng === null ? -1 : rng.int(used);
      for (let i = 0; i < used; i++) {
        if (pick >= 0 && i !== pick) continue;
        const o = base + order[i]! * stride;
        for (let k = 0; k < stride; k++) acc[k] = hist[o + k]!;
        consider(1, 1, i);
      }
      return;
    }
    const sorted = Array.from(order.subarray(0, used)).sort((a, b) => ratio[a]! - ratio[b]! || a - b);
    for (let i = 0; i < used; i++) order[i] = sorted[i]!;
    const maxCats = Math.min(cfg.maxCatThreshold, (used + 1) >> 1);
    const randomCut = rng === null ? -1 : rng.int(maxCats);
    for (const dir of [1, -1]) {
      for (let k = 0; k < stride; k++) acc[k] = 0;
      let group = 0;
      const first = dir > 0 ? 0 : used - 1;
      for (let i = 0; i < maxCats; i++) {
        const o = base + order[first + dir * i]! * stride;
        for (let k = 0; k < stride; k++) acc[k]! += hist[o + k]!;
        group += hist[o + cnt]!;
        if (rng !== null ? i !== randomCut : group < cfg.minDataPerGroup) continue;
        group = 0;
        consider(i + 1, dir, first);
      }
    }
  }
}
