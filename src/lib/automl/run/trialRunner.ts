import { workerFile } from '../../workerFile';
import type { LearnerSpec } from '../types';
import {
  evaluateTrial,
  type RefitOutcome,
  type RefitRequest,
  refit,
  type TrialOutcome,
  type TrialRequest,
} from './evaluateTrial';
import { prepareFolds, type TrialData } from './foldData';
import { toSharedTrialData } from './sharedData';

/** Where trials run: in this thread (one at a time, reproducible) or in a pool of worker threads. */
export interface TrialRunner {
  trial(request: TrialRequest): Promise<TrialOutcome>;
  refit(request: RefitRequest): Promise<RefitOutcome>;
  close(): Promise<void>;
}

export function inlineRunner(data: TrialData, resolve: (name: string) => LearnerSpec): TrialRunner {
  const folds = prepareFolds(data);
  return {
    trial: async (request) => evaluateTrial(resolve(request.learner), folds, request),
    refit: async (request) => refit(resolve(request.learner), data, request),
    close: async () => {},
  };
}

/**
 * A tinypool of `threads` workers. Workers load compiled JavaScript, so from sources (tests) the compiled worker in
 * dist/ is used: `npm run build` must have run. Workers resolve learners by name from the registry.
 */
export async function poolRunner(data: TrialData, threads: number): Promise<TrialRunner> {
  const filename = workerFile(__dirname, 'trialWorker');
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename,
    minThreads: threads,
    maxThreads: threads,
    workerData: toSharedTrialData(data),
  });
  return {
    trial: (request) => pool.run(request) as Promise<TrialOutcome>,
    refit: (request) => pool.run(request) as Promise<RefitOutcome>,
    close: () => pool.destroy(),
  };
}
