import { systemError } from '../../errors';
import type { Dataset } from '../types';

/**
 * The linear models' own input expansion (kept here, not in the featurizer, so trees keep native categorical
 * codes): numeric features standardised with the training mean and standard deviation, missing → 0 (the mean);
 * categorical codes one-hot encoded with one weight per code, missing or out-of-range → no level. One-hot columns
 * are never materialised: a row touches one weight per categorical feature. They may also be centred
 * (`levelMean`): with an unpenalised intercept that changes neither the penalty nor the optimum, but it decouples
 * the levels from the intercept, which halves the logistic model's L-BFGS iterations; the centring enters every
 * row as one shift per feature, so the sparse form is kept.
 */
export interface DesignJSON {
  readonly features: readonly (
    | { readonly kind: 'numeric'; readonly mean: number; readonly scale: number }
    | {
        readonly kind: 'categorical';
        readonly categories: number;
        readonly levelMean?: readonly number[];
      }
  )[];
}

/** A dataset in design form: dense standardised numerics and absolute one-hot weight indices (−1 = none). */
export interface DesignRows {
  readonly rows: number;
  /** Weight index of each numeric column. */
  readonly numericSlots: Int32Array;
  readonly numeric: readonly Float64Array[];
  readonly onehot: readonly Int32Array[];
  /** Per weight index: the mean of a one-hot column, subtracted from every row (0 when not centred). */
  readonly center: Float64Array;
  /** Weight range [start, end) of each one-hot feature, parallel to `onehot`. */
  readonly onehotBlocks: readonly (readonly [number, number])[];
}

export class LinearDesign {
  /** Number of weights (without intercept). */
  readonly width: number;
  private readonly slots: Int32Array;

  constructor(readonly spec: DesignJSON) {
    this.slots = new Int32Array(spec.features.length);
    let width = 0;
    spec.features.forEach((f, j) => {
      this.slots[j] = width;
      width += f.kind === 'numeric' ? 1 : f.categories;
    });
    this.width = width;
  }

  /**
   * Fits the scaler; with sample weights the means and deviations are weighted, as if rows were repeated.
   * `centerOneHot` also centres the one-hot columns (dense in effect: the direct ridge solve wants them 0/1).
   */
  static fit(data: Dataset, weights?: Float64Array, centerOneHot = false): LinearDesign {
    const features = data.features.map((info, j) => {
      const col = data.columns[j]!;
      if (info.kind === 'categorical') {
        const categories = info.categories ?? 0;
        if (!centerOneHot) return { kind: 'categorical' as const, categories };
        return {
          kind: 'categorical' as const,
          categories,
          levelMean: levelShares(col, categories, data.rows, weights),
        };
      }
      let total = 0;
      let mean = 0;
      let m2 = 0;
      for (let i = 0; i < data.rows; i++) {
        const v = col[i]!;
        const w = weights ? weights[i]! : 1;
        if (Number.isNaN(v) || w === 0) continue;
        // West's weighted update of the running mean and sum of squares.
        total += w;
        const d = v - mean;
        mean += (w / total) * d;
        m2 += w * d * (v - mean);
      }
      const sd = total > 0 ? Math.sqrt(m2 / total) : 0;
      // A constant column gets scale 1: it becomes all zeros and its weight stays 0 under the penalty.
      return { kind: 'numeric' as const, mean: total === 0 ? 0 : mean, scale: sd > 1e-12 ? sd : 1 };
    });
    return new LinearDesign({ features });
  }

  /** Weight index and size of feature j's block (for importances). */
  block(j: number): { start: number; size: number } {
    const f = this.spec.features[j]!;
    return { start: this.slots[j]!, size: f.kind === 'numeric' ? 1 : f.categories };
  }

  encode(data: Dataset): DesignRows {
    if (data.features.length !== this.spec.features.length) {
      throw systemError(
        'design_mismatch',
        `linear model expects ${this.spec.features.length} features, got ${data.features.length}`,
      );
    }
    const numericSlots: number[] = [];
    const numeric: Float64Array[] = [];
    const onehot: Int32Array[] = [];
    const onehotBlocks: (readonly [number, number])[] = [];
    const center = new Float64Array(this.width);
    this.spec.features.forEach((f, j) => {
      const col = data.columns[j]!;
      const slot = this.slots[j]!;
      if (f.kind === 'numeric') {
        const out = new Float64Array(data.rows);
        for (let i = 0; i < data.rows; i++) {
          const v = col[i]!;
          out[i] = Number.isNaN(v) ? 0 : (v - f.mean) / f.scale;
        }
        numericSlots.push(slot);
        numeric.push(out);
      } else {
        const out = new Int32Array(data.rows);
        for (let i = 0; i < data.rows; i++) {
          const code = col[i]!;
          out[i] = code >= 0 && code < f.categories && Number.isInteger(code) ? slot + code : -1;
        }
        onehot.push(out);
        onehotBlocks.push([slot, slot + f.categories]);
        if (f.levelMean) for (let k = 0; k < f.categories; k++) center[slot + k] = f.levelMean[k]!;
      }
    });
    return {
      rows: data.rows,
      numericSlots: Int32Array.from(numericSlots),
      numeric,
      onehot,
      center,
      onehotBlocks,
    };
  }
}

/** Share of (weighted) rows at each level: the mean of its one-hot column. */
function levelShares(col: Float64Array, categories: number, rows: number, weights: Float64Array | undefined): number[] {
  const share = new Float64Array(categories);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const w = weights ? weights[i]! : 1;
    total += w;
    const code = col[i]!;
    if (code >= 0 && code < categories && Number.isInteger(code)) share[code]! += w;
  }
  return Array.from(share, (s) => (total > 0 ? s / total : 0));
}

/** Fails loudly when a caller's prediction buffer cannot hold rows × outputs values. */
export function checkBuffer(rows: number, outputs: number, out: Float64Array): void {
  if (out.length < rows * outputs) {
    throw systemError('buffer_too_small', `Prediction buffer holds ${out.length} values, needs ${rows * outputs}`);
  }
}

/** z[i] += Σ_j x_ij · w[offset + j] over the design (column by column: sequential memory). */
export function addProduct(x: DesignRows, w: Float64Array, offset: number, z: Float64Array): void {
  for (let c = 0; c < x.numeric.length; c++) {
    const wj = w[offset + x.numericSlots[c]!]!;
    if (wj === 0) continue;
    const col = x.numeric[c]!;
    for (let i = 0; i < x.rows; i++) z[i]! += wj * col[i]!;
  }
  const center = x.center;
  for (let c = 0; c < x.onehot.length; c++) {
    const col = x.onehot[c]!;
    const [start, end] = x.onehotBlocks[c]!;
    // Every row's centred one-hot vector is indicator − mean: the mean part is one shift per feature.
    let shift = 0;
    for (let k = start; k < end; k++) shift += w[offset + k]! * center[k]!;
    for (let i = 0; i < x.rows; i++) {
      const idx = col[i]!;
      z[i]! += (idx >= 0 ? w[offset + idx]! : 0) - shift;
    }
  }
}

/** g[offset + j] += Σ_i x_ij · r[i] (the transpose product, for gradients). */
export function addTransposeProduct(x: DesignRows, r: Float64Array, g: Float64Array, offset: number): void {
  for (let c = 0; c < x.numeric.length; c++) {
    const col = x.numeric[c]!;
    let s = 0;
    for (let i = 0; i < x.rows; i++) s += col[i]! * r[i]!;
    g[offset + x.numericSlots[c]!]! += s;
  }
  let sumR = 0;
  for (let i = 0; i < x.rows; i++) sumR += r[i]!;
  const center = x.center;
  for (let c = 0; c < x.onehot.length; c++) {
    const col = x.onehot[c]!;
    for (let i = 0; i < x.rows; i++) {
      const idx = col[i]!;
      if (idx >= 0) g[offset + idx]! += r[i]!;
    }
    const [start, end] = x.onehotBlocks[c]!;
    for (let k = start; k < end; k++) g[offset + k]! -= center[k]! * sumR;
  }
}

/**
 * Importance per input feature: |weight| for a numeric (per standard deviation); for a categorical, the spread
 * (max − min) of its level weights, i.e. how much switching level can move the score.
 */
export function featureImportance(design: LinearDesign, weights: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(design.spec.features.length);
  design.spec.features.forEach((f, j) => {
    const { start, size } = design.block(j);
    if (size === 0) return;
    for (const w of weights) {
      if (f.kind === 'numeric') {
        out[j]! += Math.abs(w[start]!);
        continue;
      }
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < size; k++) {
        const effect = w[start + k]!;
        lo = Math.min(lo, effect);
        hi = Math.max(hi, effect);
      }
      out[j]! += hi - lo;
    }
  });
  return out;
}
