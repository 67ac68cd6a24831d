import type { FittedModel, LearnerSpec, Params } from '../types';
import type { FoldData, TrialData } from './foldData';

export interface TrialRequest {
  readonly kind: 'trial';
  readonly id: number;
  readonly learner: string;
  readonly params: Params;
  readonly seed: number;
  /** Hard end of the job (ms since epoch): iterative learners stop there. */
  readonly deadline: number;
}

/** Fit once on every training row (the final model of a holdout plan). */
export interface RefitRequest {
  readonly kind: 'refit';
  readonly learner: string;
  readonly params: Params;
  readonly seed: number;
  readonly deadline: number;
}

export interface TrialOutcome {
  readonly id: number;
  /** `stopped`: the deadline cut the fit short; the model is usable but not what the parameters asked for. */
  readonly status: 'ok' | 'stopped' | 'failed';
  readonly error?: string;
  readonly seconds: number;
  /** Validation-row predictions (see validationRows), in `FittedModel.predict` layout. */
  readonly predictions?: Float64Array;
  /** One model per fold, as `FittedModel.toJSON()`. */
  readonly models?: readonly unknown[];
  /** The fitted model's own account of its parameters (e.g. the boosting rounds early stopping kept). */
  readonly fittedParams?: Params;
}

export interface RefitOutcome {
  readonly status: 'ok' | 'stopped' | 'failed';
  readonly error?: string;
  readonly seconds: number;
  readonly model?: unknown;
}

/** Fits a configuration on each fold and predicts the fold's validation rows. Never throws: failures are results. */
export function evaluateTrial(spec: LearnerSpec, folds: readonly FoldData[], request: TrialRequest): TrialOutcome {
  const started = performance.now();
  const outputs = folds[0]!.validTarget.task === 'regression' ? 1 : classCount(folds[0]!);
  const total = folds.reduce((n, f) => n + f.valid.rows, 0);
  const predictions = new Float64Array(total * outputs);
  const models: unknown[] = [];
  let fittedParams: Params | undefined;
  try {
    let at = 0;
    for (const fold of folds) {
      const model = spec.fit(fold.train, fold.trainTarget, request.params, {
        seed: request.seed,
        validation: { data: fold.valid, target: fold.validTarget },
        deadline: request.deadline,
        ...(fold.trainWeights === undefined ? {} : { sampleWeight: fold.trainWeights }),
      });
      model.predict(fold.valid, predictions.subarray(at * outputs, (at + fold.valid.rows) * outputs));
      at += fold.valid.rows;
      models.push(model.toJSON());
      fittedParams ??= keptParams(model);
    }
  } catch (err) {
    return { id: request.id, status: 'failed', error: message(err), seconds: seconds(started) };
  }
  if (!predictions.every(Number.isFinite)) {
    return { id: request.id, status: 'failed', error: 'non-finite predictions', seconds: seconds(started) };
  }
  return {
    id: request.id,
    status: Date.now() > request.deadline ? 'stopped' : 'ok',
    seconds: seconds(started),
    predictions,
    models,
    ...(fittedParams === undefined ? {} : { fittedParams }),
  };
}

export function refit(spec: LearnerSpec, data: TrialData, request: RefitRequest): RefitOutcome {
  const started = performance.now();
  try {
    const model = spec.fit(data.data, data.target, request.params, {
      seed: request.seed,
      deadline: request.deadline,
      ...(data.weights === undefined ? {} : { sampleWeight: data.weights }),
    });
    return {
      status: Date.now() > request.deadline ? 'stopped' : 'ok',
      seconds: seconds(started),
      model: model.toJSON(),
    };
  } catch (err) {
    return { status: 'failed', error: message(err), seconds: seconds(started) };
  }
}

/**
 * Parameters that reproduce a fitted model without validation data. A learner that stops early exposes the rounds
 * it kept as `iterations`; a refit on all rows has no validation data to stop on, so it must stop there too.
 */
function keptParams(model: FittedModel): Params {
  const kept = (model as { readonly iterations?: unknown }).iterations;
  if (typeof kept !== 'number' || kept < 1 || typeof model.params['nEstimators'] !== 'number') return model.params;
  return { ...model.params, nEstimators: kept };
}

function classCount(fold: FoldData): number {
  return fold.validTarget.task === 'regression' ? 1 : fold.validTarget.classes.length;
}

function seconds(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
