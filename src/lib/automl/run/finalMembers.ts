import type { FittedModel, LearnerSpec } from '../types';
import type { ValidationPlan } from '../validation/plan';
import type { ChosenModel } from './chooseModel';
import type { TrialRunner } from './trialRunner';

export interface FinalMember {
  readonly learner: string;
  readonly weight: number;
  readonly model: FittedModel;
}

export interface FinalContext {
  readonly chosen: ChosenModel;
  readonly plan: ValidationPlan;
  readonly runner: TrialRunner;
  readonly resolve: (name: string) => LearnerSpec;
  readonly seed: number;
  readonly deadline: number;
  readonly concurrency: number;
}

/**
 * The models that ship. Cross-validation ships every fold model (weights split evenly: a bagged average, no
 * refit needed). A holdout plan refits each member on all rows when the budget allows, and otherwise ships the
 * models as validated (trained without the holdout rows); a member whose refit fails keeps its validated model.
 */
export async function finalMembers(ctx: FinalContext): Promise<{
  kind: 'refit' | 'fold_models' | 'validation_models';
  members: FinalMember[];
  notes: string[];
}> {
  const validated = ctx.chosen.members.flatMap(({ trial, weight }) => {
    const spec = ctx.resolve(trial.record.learner);
    const models = trial.models!;
    return models.map((json) => ({ learner: spec.name, weight: weight / models.length, model: spec.load(json) }));
  });
  if (ctx.plan.kind === 'cv') return { kind: 'fold_models', members: validated, notes: [] };

  const fold = ctx.plan.folds[0]!;
  const growth = (fold.train.length + fold.valid.length) / fold.train.length;
  const seconds = ctx.chosen.members.reduce((s, m) => s + m.trial.record.seconds, 0);
  const needed = (growth * seconds) / ctx.concurrency;
  if (Date.now() + needed * 1000 > ctx.deadline) {
    return {
      kind: 'validation_models',
      members: validated,
      notes: [`no refit on all rows: it needed ~${needed.toFixed(1)} s and the budget had less left`],
    };
  }
  const notes: string[] = [];
  const refits = await Promise.all(
    ctx.chosen.members.map(({ trial }) =>
      ctx.runner.refit({
        kind: 'refit',
        learner: trial.record.learner,
        params: trial.fittedParams ?? trial.record.params,
        seed: ctx.seed,
        deadline: ctx.deadline,
      }),
    ),
  );
  const members = ctx.chosen.members.map(({ trial, weight }, j) => {
    const outcome = refits[j]!;
    if (outcome.status === 'ok' && outcome.model !== undefined) {
      return { learner: trial.record.learner, weight, model: ctx.resolve(trial.record.learner).load(outcome.model) };
    }
    notes.push(`trial ${trial.record.id} (${trial.record.learner}) ships its validated model: refit ${outcome.status}`);
    return validated[j]!;
  });
  return { kind: 'refit', members, notes };
}
