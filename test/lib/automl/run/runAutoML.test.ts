import { describe, expect, it } from 'vitest';
import { Predictor, serializeArtifact } from '../../../../src/lib/automl/artifact';
import { evaluateFrame } from '../../../../src/lib/automl/evaluate';
import { runAutoML } from '../../../../src/lib/automl/run/runAutoML';
import { isAppError } from '../../../../src/lib/errors';
import { syntheticFrame } from './synthetic';

// Small problems, few trials, 3 folds: the suite stays fast on a busy two-core machine.
const quick = {
  timeBudgetSeconds: 60,
  maxConcurrentTrials: 1,
  maxTrials: 6,
  seed: 7,
  validation: { kind: 'cv', folds: 3 },
} as const;

describe('runAutoML', () => {
  it('trains a multiclass problem end to end', async () => {
    const train = syntheticFrame('multiclass', 600, 1);
    const test = syntheticFrame('multiclass', 600, 2);
    const seen: number[] = [];
    const { summary, artifact } = await runAutoML(
      train,
      { ...quick, target: 'target' },
      { onTrial: (t) => seen.push(t.id) },
    );
    expect(summary.task).toBe('multiclass');
    expect(summary.classes).toEqual(['high', 'low', 'mid']);
    expect(summary.metric.name).toBe('AUC_weighted');
    expect(summary.validation).toMatchObject({ kind: 'cv', folds: 3, rows: 600 });
    expect(seen).toHaveLength(6);
    expect(summary.leaderboard.filter((t) => t.origin !== 'ensemble')).toHaveLength(6);
    expect(summary.leaderboard.every((t) => t.status !== 'failed')).toBe(true);
    expect(summary.best.score).toBeGreaterThan(0.9);
    expect(summary.importance[0]?.column).toBe('signal');
    expect(summary.importance.find((c) => c.column === 'noise')!.importance).toBeLessThan(0.01);
    const scored = evaluateFrame(new Predictor(artifact), test);
    expect(scored.metrics['AUC_weighted']).toBeGreaterThan(0.9);
    expect(scored.metrics['accuracy']).toBeGreaterThan(0.75);
  });

  it('trains a regression problem end to end with a holdout', async () => {
    const train = syntheticFrame('regression', 600, 3);
    const { summary, artifact } = await runAutoML(train, {
      ...quick,
      target: 'target',
      validation: { kind: 'holdout', fraction: 0.2 },
    });
    expect(summary.task).toBe('regression');
    expect(summary.metric.name).toBe('r2_score');
    expect(summary.validation).toMatchObject({ kind: 'holdout', rows: 120 });
    expect(summary.best.final).toBe('refit');
    expect(summary.best.score).toBeGreaterThan(0.9);
    const predictor = new Predictor(artifact);
    const out = predictor.predictRows([{ signal: 1, other: 0, noise: 0, group: 'b' }]);
    expect(out.task).toBe('regression');
    if (out.task === 'regression') expect(out.values[0]).toBeGreaterThan(12);
    expect(
      evaluateFrame(new Predictor(artifact), syntheticFrame('regression', 400, 4)).metrics['r2_score'],
    ).toBeGreaterThan(0.9);
  });

  it('is reproducible with one worker and a trial limit', async () => {
    const frame = syntheticFrame('binary', 500, 5);
    const a = await runAutoML(frame, { ...quick, target: 'target' });
    const b = await runAutoML(frame, { ...quick, target: 'target' });
    const strip = (s: typeof a.summary) => s.leaderboard.map((t) => [t.id, t.learner, t.params, t.score, t.status]);
    expect(strip(a.summary)).toEqual(strip(b.summary));
    expect(serializeArtifact(a.artifact)).toBe(serializeArtifact(b.artifact));
  });

  it('tunes the decision threshold when the metric depends on it', async () => {
    const frame = syntheticFrame('binary', 500, 6);
    const { summary, artifact } = await runAutoML(frame, {
      ...quick,
      maxTrials: 3,
      target: 'target',
      primaryMetric: 'f1_score_macro',
    });
    expect(summary.best.threshold).toBeGreaterThan(0);
    expect(artifact.threshold).toBe(summary.best.threshold);
  });

  it('stops early after trials without improvement', async () => {
    const frame = syntheticFrame('binary', 500, 8);
    const { summary } = await runAutoML(frame, { ...quick, maxTrials: 50, earlyStopTrials: 2, target: 'target' });
    expect(summary.stoppedBy).toBe('early_termination');
    expect(summary.leaderboard.filter((t) => t.origin !== 'ensemble').length).toBeLessThan(50);
  });

  it('rejects unusable settings as user errors', async () => {
    const frame = syntheticFrame('binary', 100, 9);
    const failure = (settings: object) =>
      runAutoML(frame, settings as never).then(
        () => undefined,
        (err: unknown) => err,
      );
    for (const settings of [
      { target: 'target', timeBudgetSeconds: -1 },
      { target: 'nope' },
      { target: 'target', primaryMetric: 'r2_score' },
      { target: 'target', allowedModels: ['xgboost'] },
      { target: 'target', surprise: true },
    ]) {
      const err = await failure(settings);
      expect(isAppError(err) && err.userFixable, JSON.stringify(settings)).toBe(true);
    }
  });
});
