import { systemError } from '../../errors';
import type { Dataset } from '../types';

/**
 * The linear models' own input expansion (kept here, not in the featurizer, so trees keep native categorical
 * codes): numeric features standardised with the training mean and standard deviation, missing → 0 (the mean);
 * categorical codes one-hot encoded with one weight per code, missing or out-of-range → no weight. The one-hot
 * columns stay 0/1 and are never materialised: a row touches one weight per categorical feature.
 */
export interface DesignJSON {
  readonly features: readonly (
    | { readonly kind: 'numeric'; readonly mean: number; readonly scale: number }
    | { readonly kind: 'categorical'; readonly categories: number }
  )[];
}

/** A dataset in design form: dense standardised numerics and absolute one-hot weight indices (−1 = none). */
export interface DesignRows {
  readonly rows: number;
  /** Weight index of each numeric column. */
  readonly numericSlots: Int32Array;
  readonly numeric: readonly Float64Array[];
  readonly onehot: readonly Int32Array[];
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

  /** Fits the scaler; with sample weights the mean and deviation are weighted, as if rows were repeated. */
  static fit(data: Dataset, weights?: Float64Array): LinearDesign {
    const features = data.features.map((info, j) => {
      const col = data.columns[j]!;
      if (info.kind === 'categorical') return { kind: 'categorical' as const, categories: info.categories ?? 0 };
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
      }
    });
    return { rows: data.rows, numericSlots: Int32Array.from(numericSlots), numeric, onehot };
  }
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
  for (const col of x.onehot) {
    for (let i = 0; i < x.rows; i++) {
      const idx = col[i]!;
      if (idx >= 0) z[i]! += w[offset + idx]!;
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
  for (const col of x.onehot) {
    for (let i = 0; i < x.rows; i++) {
      const idx = col[i]!;
      if (idx >= 0) g[offset + idx]! += r[i]!;
    }
  }
}

/** Importance per input feature: |weight| for a numeric (per standard deviation), the level spread for a categorical. */
export function featureImportance(design: LinearDesign, weights: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(design.spec.features.length);
  for (let j = 0; j < out.length; j++) {
    const { start, size } = design.block(j);
    for (const w of weights) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let k = start; k < start + size; k++) {
        lo = Math.min(lo, w[k]!);
        hi = Math.max(hi, w[k]!);
      }
      if (size === 0) continue;
      out[j]! += size === 1 ? Math.abs(w[start]!) : hi - lo;
    }
  }
  return out;
}
