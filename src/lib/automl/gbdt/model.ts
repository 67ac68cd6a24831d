/**
 * A fitted gradient-boosted model: starting scores plus the compiled trees; predictions go through the
 * objective's link (sigmoid for binary, softmax for multiclass, identity for regression).
 */
import { userError } from '../../errors';
import { type CompiledTrees, compiledFromJSON, compiledToJSON } from '../tree/compiled';
import { checkPredictInput, readHeader } from '../tree/model';
import { addTreeOutputs } from '../tree/predict';
import type { Dataset, FittedModel, Params, Task } from '../types';
import { softmaxInto } from './objective';

const KIND = 'gbdt';

export class GbdtModel implements FittedModel {
  readonly learner = 'lgbm';

  constructor(
    readonly params: Params,
    readonly task: Task,
    readonly outputs: number,
    readonly features: number,
    private readonly init: Float64Array,
    private readonly trees: CompiledTrees,
    private readonly gains: Float64Array,
    /** Boosting iterations kept (after early stopping). */
    readonly iterations: number,
  ) {}

  predict(data: Dataset, out: Float64Array): void {
    checkPredictInput(data, out, this.features, this.outputs);
    const rows = data.rows;
    const width = this.outputs;
    const init = this.init;
    if (this.task === 'binary') {
      for (let r = 0; r < rows; r++) {
        out[r * 2] = 0;
        out[r * 2 + 1] = init[0]!;
      }
    } else {
      for (let r = 0; r < rows; r++) for (let k = 0; k < width; k++) out[r * width + k] = init[k]!;
    }
    addTreeOutputs(this.trees, data.columns, 0, rows, out, width);
    if (this.task === 'binary') {
      for (let r = 0; r < rows; r++) {
        const p = 1 / (1 + Math.exp(-out[r * 2 + 1]!));
        out[r * 2] = 1 - p;
        out[r * 2 + 1] = p;
      }
    } else if (this.task === 'multiclass') {
      for (let r = 0; r < rows; r++) softmaxInto(out, r * width, width, out, r * width);
    }
  }

  importance(): Float64Array {
    return this.gains.slice();
  }

  toJSON(): unknown {
    return {
      kind: KIND,
      task: this.task,
      outputs: this.outputs,
      features: this.features,
      params: this.params,
      iterations: this.iterations,
      init: Array.from(this.init),
      importance: Array.from(this.gains),
      trees: compiledToJSON(this.trees),
    };
  }
}

export function loadGbdtModel(json: unknown): GbdtModel {
  const { task, outputs, features, params, importance, body } = readHeader(json, KIND);
  const init = body['init'];
  const scoreWidth = task === 'multiclass' ? outputs : 1;
  if (!Array.isArray(init) || init.length !== scoreWidth || !init.every((v) => typeof v === 'number')) {
    throw userError('invalid_model', 'Not a valid gbdt model: bad init scores');
  }
  const iterations = typeof body['iterations'] === 'number' ? body['iterations'] : 0;
  const trees = compiledFromJSON(body['trees'], features, outputs);
  return new GbdtModel(params, task, outputs, features, Float64Array.from(init), trees, importance, iterations);
}
