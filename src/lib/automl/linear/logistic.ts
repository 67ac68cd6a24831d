import { z } from 'zod';
import { userError } from '../../errors';
import type { Dataset, FitOptions, FittedModel, LearnerSpec, Params, Target } from '../types';
import {
  addProduct,
  addTransposeProduct,
  checkBuffer,
  type DesignJSON,
  featureImportance,
  LinearDesign,
} from './design';
import { minimizeLbfgs } from './lbfgs';
import { designSchema, paramsSchema, parseModel, positiveParam, ratioParam } from './params';

/**
 * Logistic regression, binary (one weight vector, sigmoid) or multinomial (one vector per class, softmax), on
 * sklearn's elastic-net objective C·Σ wᵢ·lossᵢ + l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖² (intercepts unpenalised;
 * default pure L2), scaled by 1/(C·Σw) so tolerances do not depend on the row count. L-BFGS, or OWL-QN with L1.
 */
const NAME = 'logistic_regression';

interface LogisticJSON {
  readonly params: Params;
  readonly design: DesignJSON;
  readonly classes: number;
  /** One row per linear function: `width` weights then the intercept. */
  readonly weights: number[][];
  readonly iterations: number;
  readonly converged: boolean;
}

const logisticSchema = z.object({
  params: paramsSchema,
  design: designSchema,
  classes: z.number().int().min(2),
  weights: z.array(z.array(z.number())),
  iterations: z.number().int(),
  converged: z.boolean(),
});

class LogisticModel implements FittedModel {
  readonly learner = NAME;
  readonly params: Params;
  readonly outputs: number;
  private readonly design: LinearDesign;
  private readonly rowsOfWeights: Float64Array[];

  constructor(private readonly json: LogisticJSON) {
    this.params = json.params;
    this.outputs = json.classes;
    this.design = new LinearDesign(json.design);
    this.rowsOfWeights = json.weights.map((w) => Float64Array.from(w));
  }

  get iterations(): number {
    return this.json.iterations;
  }

  get converged(): boolean {
    return this.json.converged;
  }

  /** Weights per linear function on the standardised design (the intercept excluded). */
  coefficients(): Float64Array[] {
    return this.rowsOfWeights.map((w) => w.slice(0, this.design.width));
  }

  intercepts(): number[] {
    return this.rowsOfWeights.map((w) => w[this.design.width]!);
  }

  predict(data: Dataset, out: Float64Array): void {
    checkBuffer(data.rows, this.outputs, out);
    const x = this.design.encode(data);
    const k = this.outputs;
    const z = this.rowsOfWeights.map((w) => linearScores(x, w, this.design.width));
    if (k === 2) {
      const z0 = z[0]!;
      for (let i = 0; i < x.rows; i++) {
        const p = sigmoid(z0[i]!);
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return;
    }
    for (let i = 0; i < x.rows; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) max = Math.max(max, z[c]![i]!);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const e = Math.exp(z[c]![i]! - max);
        out[i * k + c] = e;
        sum += e;
      }
      for (let c = 0; c < k; c++) out[i * k + c]! /= sum;
    }
  }

  importance(): Float64Array {
    return featureImportance(this.design, this.rowsOfWeights);
  }

  toJSON(): LogisticJSON {
    return this.json;
  }
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function linearScores(x: ReturnType<LinearDesign['encode']>, w: Float64Array, width: number): Float64Array {
  const z = new Float64Array(x.rows).fill(w[width]!);
  addProduct(x, w, 0, z);
  return z;
}

function fitLogistic(data: Dataset, target: Target, params: Params, options: FitOptions): LogisticModel {
  if (target.task === 'regression') {
    throw userError('task_unsupported', 'logistic_regression needs a classification target');
  }
  const c = positiveParam(params, 'C', 1);
  const l1Ratio = ratioParam(params, 'l1Ratio', 0);
  const maxIterations = positiveParam(params, 'maxIterations', 500);
  const design = LinearDesign.fit(data, options.sampleWeight, true);
  const x = design.encode(data);
  const n = data.rows;
  const classes = target.classes.length;
  const functions = classes === 2 ? 1 : classes;
  const stride = design.width + 1;
  const weight = options.sampleWeight ?? new Float64Array(n).fill(1);
  let totalWeight = 0;
  for (const w of weight) totalWeight += w;
  if (!(totalWeight > 0)) throw userError('empty_training_set', 'logistic_regression needs rows with positive weight');
  // sklearn's elastic net: C·Σloss + l1Ratio·‖w‖₁ + (1 − l1Ratio)/2·‖w‖², here divided by C·Σw.
  const lambda = (1 - l1Ratio) / (c * totalWeight);
  const l1 = l1Ratio > 0 ? new Float64Array(functions * stride) : undefined;
  if (l1) {
    for (let f = 0; f < functions; f++) l1.fill(l1Ratio / (c * totalWeight), f * stride, f * stride + design.width);
  }

  // Start at the class priors (intercepts only): the optimiser then only has to learn the slopes.
  const prior = new Float64Array(classes);
  for (let i = 0; i < n; i++) prior[target.y[i]!]! += weight[i]!;
  const start = new Float64Array(functions * stride);
  for (let f = 0; f < functions; f++) {
    const p = (k: number) => Math.max(prior[k]! / totalWeight, 1e-8);
    start[f * stride + design.width] = functions === 1 ? Math.log(p(1) / p(0)) : Math.log(p(f));
  }

  const z = Array.from({ length: functions }, () => new Float64Array(n));
  const r = new Float64Array(n);
  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    for (let f = 0; f < functions; f++) {
      z[f]!.fill(theta[f * stride + design.width]!);
      addProduct(x, theta, f * stride, z[f]!);
    }
    let loss = 0;
    if (functions === 1) {
      const z0 = z[0]!;
      for (let i = 0; i < n; i++) {
        const zi = z0[i]!;
        const yi = target.y[i] === 1 ? 1 : 0;
        // log(1 + e^z) − y·z and the sigmoid from one exp, without overflow.
        const e = Math.exp(-Math.abs(zi));
        const p = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
        loss += weight[i]! * (Math.max(zi, 0) + Math.log1p(e) - yi * zi);
        r[i] = (weight[i]! * (p - yi)) / totalWeight;
      }
      accumulate(0);
    } else {
      const lse = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let max = Number.NEGATIVE_INFINITY;
        for (let f = 0; f < functions; f++) max = Math.max(max, z[f]![i]!);
        let sum = 0;
        for (let f = 0; f < functions; f++) sum += Math.exp(z[f]![i]! - max);
        lse[i] = max + Math.log(sum);
        loss += weight[i]! * (lse[i]! - z[target.y[i]!]![i]!);
      }
      for (let f = 0; f < functions; f++) {
        const zf = z[f]!;
        for (let i = 0; i < n; i++) {
          r[i] = (weight[i]! * (Math.exp(zf[i]! - lse[i]!) - (target.y[i] === f ? 1 : 0))) / totalWeight;
        }
        accumulate(f);
      }
    }
    let penalty = 0;
    for (let f = 0; f < functions; f++) {
      for (let j = 0; j < design.width; j++) {
        const w = theta[f * stride + j]!;
        penalty += w * w;
        grad[f * stride + j]! += lambda * w;
      }
    }
    return loss / totalWeight + 0.5 * lambda * penalty;

    function accumulate(f: number): void {
      addTransposeProduct(x, r, grad, f * stride);
      let s = 0;
      for (let i = 0; i < n; i++) s += r[i]!;
      grad[f * stride + design.width]! += s;
    }
  };

  const result = minimizeLbfgs(evaluate, start, {
    maxIterations: Math.round(maxIterations),
    gradientTolerance: 1e-5,
    relativeTolerance: 1e-9,
    ...(l1 === undefined ? {} : { l1 }),
    ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
    ...(options.onIteration === undefined ? {} : { onIteration: options.onIteration }),
  });
  const weights: number[][] = [];
  for (let f = 0; f < functions; f++) weights.push(Array.from(result.x.subarray(f * stride, (f + 1) * stride)));
  return new LogisticModel({
    params: { ...params, C: c, l1Ratio },
    design: design.spec,
    classes,
    weights,
    iterations: result.iterations,
    converged: result.converged,
  });
}

export const logisticRegressionLearner: LearnerSpec = {
  name: NAME,
  tasks: ['binary', 'multiclass'],
  // FLAML's lrl2 space (C log-uniform over [2⁻⁵, 2¹⁵], starting at 1) plus the elastic-net mix, starting at pure L2.
  searchSpace: {
    C: { type: 'float', low: 0.03125, high: 32768, log: true, init: 1 },
    l1Ratio: { type: 'float', low: 0, high: 1, init: 0 },
  },
  defaults: { C: 1, l1Ratio: 0 },
  relativeCost: 0.3,
  fit: fitLogistic,
  load: (json) => new LogisticModel(parseModel(logisticSchema, json, NAME)),
};

export type { LogisticModel };
