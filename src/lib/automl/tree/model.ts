/**
 * What boosted and forest models share once fitted: checking a Dataset and output buffer against the
 * model, and reading back the common JSON fields.
 */
import { userError } from '../../errors';
import type { Dataset, Params, Task } from '../types';

export function checkPredictInput(data: Dataset, out: Float64Array, features: number, outputs: number): void {
  if (data.columns.length !== features) {
    throw userError('feature_mismatch', `Model expects ${features} features, data has ${data.columns.length}`);
  }
  if (out.length < data.rows * outputs) {
    throw userError('buffer_too_small', `Prediction buffer holds ${out.length} values, needs ${data.rows * outputs}`);
  }
}

export function checkFitInput(data: Dataset, targetRows: number, features = data.features.length): void {
  if (data.columns.length !== features || data.features.length !== features) {
    throw userError('feature_mismatch', `Expected ${features} features, data has ${data.columns.length}`);
  }
  if (data.rows !== targetRows) {
    throw userError('target_mismatch', `Data has ${data.rows} rows but the target has ${targetRows}`);
  }
  if (data.rows === 0) throw userError('empty_data', 'Cannot fit a model on zero rows');
  if (data.columns.some((c) => c.length !== data.rows))
    throw userError('ragged_data', 'Every column needs one value per row');
}

/** The fields every tree model's JSON carries, checked. */
export interface TreeModelHeader {
  readonly task: Task;
  readonly outputs: number;
  readonly features: number;
  readonly params: Params;
  readonly importance: Float64Array;
}

export function readHeader(json: unknown, kind: string): TreeModelHeader & { readonly body: Record<string, unknown> } {
  const body = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const fail = (what: string) => userError('invalid_model', `Not a valid ${kind} model: ${what}`);
  if (body['kind'] !== kind) throw fail(`kind is ${String(body['kind'])}`);
  const task = body['task'];
  if (task !== 'binary' && task !== 'multiclass' && task !== 'regression') throw fail('unknown task');
  const outputs = body['outputs'];
  const features = body['features'];
  if (typeof outputs !== 'number' || !Number.isInteger(outputs) || outputs < 1) throw fail('bad outputs');
  if (typeof features !== 'number' || !Number.isInteger(features) || features < 1) throw fail('bad features');
  const importance = body['importance'];
  if (!Array.isArray(importance) || importance.length !== features || !importance.every((v) => typeof v === 'number')) {
    throw fail('bad importance');
  }
  const params = body['params'];
  if (typeof params !== 'object' || params === null) throw fail('bad params');
  return { task, outputs, features, params: params as Params, importance: Float64Array.from(importance), body };
}
