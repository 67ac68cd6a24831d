import { z } from 'zod';
import { systemError, userError } from '../../errors';
import type { Dataset, FitOptions, FittedModel, LearnerSpec, Params, Target } from '../types';
import { addProduct, checkBuffer, type DesignJSON, type DesignRows, featureImportance, LinearDesign } from './design';
import { designSchema, paramsSchema, parseModel, positiveParam } from './params';

/**
 * Ridge regression, sklearn's objective ‖y − Xw − b‖²_W + α‖w‖² (intercept unpenalised), solved exactly through
 * the normal equations and a Cholesky factorisation: the expanded design is narrow (tens to hundreds of columns),
 * so the Gram matrix is small and one pass over the rows builds it.
 */
const NAME = 'ridge';

interface RidgeJSON {
  readonly params: Params;
  readonly design: DesignJSON;
  /** `width` weights then the intercept. */
  readonly weights: number[];
}

const ridgeSchema = z.object({ params: paramsSchema, design: designSchema, weights: z.array(z.number()) });

class RidgeModel implements FittedModel {
  readonly learner = NAME;
  readonly params: Params;
  readonly outputs = 1;
  private readonly design: LinearDesign;
  private readonly w: Float64Array;

  constructor(private readonly json: RidgeJSON) {
    this.params = json.params;
    this.design = new LinearDesign(json.design);
    this.w = Float64Array.from(json.weights);
  }

  coefficients(): Float64Array {
    return this.w.slice(0, this.design.width);
  }

  intercept(): number {
    return this.w[this.design.width]!;
  }

  predict(data: Dataset, out: Float64Array): void {
    checkBuffer(data.rows, 1, out);
    const x = this.design.encode(data);
    const z = out.subarray(0, x.rows);
    z.fill(this.w[this.design.width]!);
    addProduct(x, this.w, 0, z);
  }

  importance(): Float64Array {
    return featureImportance(this.design, [this.w]);
  }

  toJSON(): RidgeJSON {
    return this.json;
  }
}

/** Active (weight index, value) pairs of row i, the intercept last. */
function rowEntries(x: DesignRows, i: number, width: number, idx: Int32Array, val: Float64Array): number {
  let m = 0;
  for (let c = 0; c < x.numeric.length; c++) {
    idx[m] = x.numericSlots[c]!;
    val[m++] = x.numeric[c]![i]!;
  }
  for (const col of x.onehot) {
    const k = col[i]!;
    if (k >= 0) {
      idx[m] = k;
      val[m++] = 1;
    }
  }
  idx[m] = width;
  val[m++] = 1;
  return m;
}

/** Solves A·x = b in place for symmetric positive definite A (row-major p×p). */
function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= a[j * p + k]! ** 2;
    if (!(d > 0)) throw systemError('ridge_singular', 'ridge normal equations are not positive definite');
    const l = Math.sqrt(d);
    a[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= a[i * p + k]! * a[j * p + k]!;
      a[i * p + j] = s / l;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= a[i * p + k]! * x[k]!;
    x[i] = s / a[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < p; k++) s -= a[k * p + i]! * x[k]!;
    x[i] = s / a[i * p + i]!;
  }
  return x;
}

function fitRidge(data: Dataset, target: Target, params: Params, options: FitOptions): RidgeModel {
  if (target.task !== 'regression') throw userError('task_unsupported', 'ridge needs a regression target');
  const alpha = positiveParam(params, 'alpha', 1);
  const design = LinearDesign.fit(data, options.sampleWeight);
  const x = design.encode(data);
  const width = design.width;
  const p = width + 1;
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const idx = new Int32Array(x.numeric.length + x.onehot.length + 1);
  const val = new Float64Array(idx.length);
  for (let i = 0; i < x.rows; i++) {
    const wi = options.sampleWeight ? options.sampleWeight[i]! : 1;
    const yi = target.y[i]!;
    if (wi === 0 || Number.isNaN(yi)) continue;
    const m = rowEntries(x, i, width, idx, val);
    for (let a = 0; a < m; a++) {
      const va = wi * val[a]!;
      const ra = idx[a]! * p;
      rhs[idx[a]!]! += va * yi;
      for (let b = 0; b < m; b++) gram[ra + idx[b]!]! += va * val[b]!;
    }
  }
  for (let j = 0; j < width; j++) gram[j * p + j]! += alpha;
  // A tiny ridge on the intercept keeps an all-zero-weight training set solvable without moving real fits.
  gram[width * p + width]! += 1e-12;
  const w = choleskySolve(gram, rhs, p);
  return new RidgeModel({ params: { ...params, alpha }, design: design.spec, weights: Array.from(w) });
}

export const ridgeLearner: LearnerSpec = {
  name: NAME,
  tasks: ['regression'],
  searchSpace: { alpha: { type: 'float', low: 1e-4, high: 1e4, log: true, init: 1 } },
  defaults: { alpha: 1 },
  relativeCost: 0.05,
  fit: fitRidge,
  load: (json) => new RidgeModel(parseModel(ridgeSchema, json, NAME)),
};

export type { RidgeModel };
