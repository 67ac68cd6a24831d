import { z } from 'zod';
import { systemError, userError } from '../../errors';
import type { Dataset, FitOptions, FittedModel, LearnerSpec, Params, Target } from '../types';
import {
  addProduct,
  addTransposeProduct,
  checkBuffer,
  type DesignJSON,
  type DesignRows,
  featureImportance,
  LinearDesign,
} from './design';
import { minimizeLbfgs } from './lbfgs';
import { designSchema, paramsSchema, parseModel, positiveParam } from './params';

/**
 * Ridge regression, sklearn's objective ‖y − Xw − b‖²_W + α‖w‖² (intercept unpenalised), solved exactly through
 * the normal equations and a Cholesky factorisation while the expanded design is narrow (the usual tens to
 * hundreds of columns: the Gram matrix is small and one pass over the rows builds it), by L-BFGS beyond that.
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

/** Beyond this many weights the p×p Gram matrix and its O(p³) factorisation cost more than iterating. */
const MAX_DIRECT_WEIGHTS = 800;

function rowWeights(target: Extract<Target, { task: 'regression' }>, options: FitOptions): Float64Array {
  // Rows without a target value weigh nothing.
  return Float64Array.from(target.y, (y, i) =>
    Number.isNaN(y) ? 0 : options.sampleWeight ? options.sampleWeight[i]! : 1,
  );
}

/** Exact solution of the normal equations (XᵀWX + αI)w = XᵀWy, one pass over the rows to build them. */
function solveDirect(x: DesignRows, y: Float64Array, weight: Float64Array, width: number, alpha: number): Float64Array {
  const p = width + 1;
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const idx = new Int32Array(x.numeric.length + x.onehot.length + 1);
  const val = new Float64Array(idx.length);
  for (let i = 0; i < x.rows; i++) {
    const wi = weight[i]!;
    if (wi === 0) continue;
    const yi = y[i]!;
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
  return choleskySolve(gram, rhs, p);
}

/** The same objective by L-BFGS on a standardised target, for designs too wide for the direct solve. */
function solveIterative(
  x: DesignRows,
  y: Float64Array,
  weight: Float64Array,
  width: number,
  alpha: number,
  options: FitOptions,
): Float64Array {
  let total = 0;
  let mean = 0;
  for (let i = 0; i < x.rows; i++) {
    total += weight[i]!;
    mean += weight[i]! * (Number.isNaN(y[i]!) ? 0 : y[i]!);
  }
  mean /= total;
  let variance = 0;
  for (let i = 0; i < x.rows; i++) if (weight[i]! > 0) variance += weight[i]! * (y[i]! - mean) ** 2;
  const sd = Math.sqrt(variance / total) || 1;
  const ys = Float64Array.from(y, (v) => (Number.isNaN(v) ? 0 : (v - mean) / sd));
  const z = new Float64Array(x.rows);
  const r = new Float64Array(x.rows);
  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    z.fill(theta[width]!);
    addProduct(x, theta, 0, z);
    let loss = 0;
    let sumR = 0;
    for (let i = 0; i < x.rows; i++) {
      const e = z[i]! - ys[i]!;
      loss += weight[i]! * e * e;
      r[i] = (weight[i]! * e) / total;
      sumR += r[i]!;
    }
    addTransposeProduct(x, r, grad, 0);
    grad[width] = sumR;
    let penalty = 0;
    for (let j = 0; j < width; j++) {
      penalty += theta[j]! ** 2;
      grad[j]! += (alpha / total) * theta[j]!;
    }
    return (0.5 * (loss + alpha * penalty)) / total;
  };
  const result = minimizeLbfgs(evaluate, new Float64Array(width + 1), {
    maxIterations: 2000,
    gradientTolerance: 1e-9,
    relativeTolerance: 1e-14,
    ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
    ...(options.onIteration === undefined ? {} : { onIteration: options.onIteration }),
  });
  const w = result.x.map((v) => v * sd);
  w[width]! += mean;
  return w;
}

function fitRidge(data: Dataset, target: Target, params: Params, options: FitOptions): RidgeModel {
  if (target.task !== 'regression') throw userError('task_unsupported', 'ridge needs a regression target');
  const alpha = positiveParam(params, 'alpha', 1);
  const solver = params['solver'] ?? 'auto';
  if (solver !== 'auto' && solver !== 'cholesky' && solver !== 'lbfgs') {
    throw userError('invalid_param', `Hyperparameter solver must be auto, cholesky or lbfgs, got ${String(solver)}`);
  }
  const plain = LinearDesign.fit(data, options.sampleWeight);
  const direct = solver === 'cholesky' || (solver === 'auto' && plain.width + 1 <= MAX_DIRECT_WEIGHTS);
  // The iterative solve converges faster with centred one-hot columns; the direct solve needs them sparse.
  const design = direct ? plain : LinearDesign.fit(data, options.sampleWeight, true);
  const x = design.encode(data);
  const weight = rowWeights(target, options);
  const w = direct
    ? solveDirect(x, target.y, weight, design.width, alpha)
    : solveIterative(x, target.y, weight, design.width, alpha, options);
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
