import { workerData } from 'node:worker_threads';
import { learnerByName } from '../learners';
import {
  evaluateTrial,
  type RefitOutcome,
  type RefitRequest,
  refit,
  type TrialOutcome,
  type TrialRequest,
} from './evaluateTrial';
import { type FoldData, prepareFolds, type TrialData } from './foldData';

/**
 * Worker-thread entry of the trial pool (tinypool loads dist/src/lib/automl/run/trialWorker.js). The job's data
 * arrives once, in shared memory, as workerData; the folds are cut from it on the first task and kept.
 */
const data = (workerData as [unknown, TrialData])[1];
let folds: FoldData[] | undefined;

export default function runTask(request: TrialRequest | RefitRequest): TrialOutcome | RefitOutcome {
  const spec = learnerByName(request.learner);
  if (request.kind === 'refit') return refit(spec, data, request);
  folds ??= prepareFolds(data);
  return evaluateTrial(spec, folds, request);
}
