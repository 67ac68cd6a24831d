/** A fitted forest: the average of its trees' leaf distributions (or means), plus its out-of-bag estimate. */
import { userError } from '../../errors';
import { type CompiledTrees, compiledFromJSON, compiledToJSON } from '../tree/compiled';
import { checkPredictInput, readHeader } from '../tree/model';
import { addTreeOutputs } from '../tree/predict';
import type { Dataset, FittedModel, Params, Task } from '../types';
import type { OobEstimate } from './fit';

const KIND = 'forest';

export class ForestModel implements FittedModel {
  constructor(
    readonly learner: string,
    readonly params: Params,
    readonly task: Task,
    readonly outputs: number,
    readonly features: number,
    private readonly trees: CompiledTrees,
    private readonly gains: Float64Array,
    /** Out-of-bag estimate from training (null without bootstrap). */
    readonly oob: OobEstimate | null,
  ) {}

  predict(data: Dataset, out: Float64Array): void {
    checkPredictInput(data, out, this.features, this.outputs);
    out.fill(0, 0, data.rows * this.outputs);
    addTreeOutputs(this.trees, data.columns, 0, data.rows, out, this.outputs);
  }

  importance(): Float64Array {
    return this.gains.slice();
  }

  toJSON(): unknown {
    return {
      kind: KIND,
      learner: this.learner,
      task: this.task,
      outputs: this.outputs,
      features: this.features,
      params: this.params,
      oob: this.oob,
      importance: Array.from(this.gains),
      trees: compiledToJSON(this.trees),
    };
  }
}

export function loadForestModel(json: unknown, learner: string): ForestModel {
  const { task, outputs, features, params, importance, body } = readHeader(json, KIND);
  if (body['learner'] !== learner)
    throw userError('invalid_model', `Not a ${learner} model: ${String(body['learner'])}`);
  const trees = compiledFromJSON(body['trees'], features, outputs);
  return new ForestModel(learner, params, task, outputs, features, trees, importance, readOob(body['oob']));
}

function readOob(value: unknown): OobEstimate | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  const { metric, score, coverage } = o;
  if ((metric !== 'accuracy' && metric !== 'r2') || typeof score !== 'number' || typeof coverage !== 'number') {
    throw userError('invalid_model', 'Not a valid forest model: bad out-of-bag estimate');
  }
  return { metric, score, coverage };
}
