import { describe, expect, it } from 'vitest';
import { Random } from '../../../../src/lib/automl/random';
import type { Target } from '../../../../src/lib/automl/types';
import { planValidation, resolveValidation } from '../../../../src/lib/automl/validation/plan';

function binaryTarget(rows: number, positives: number): Target {
  const y = new Int32Array(rows);
  for (let i = 0; i < positives; i++) y[i * Math.floor(rows / positives)] = 1;
  return { task: 'binary', classes: ['no', 'yes'], y };
}

describe('resolveValidation', () => {
  it('follows Azure’s rule by row count', () => {
    expect(resolveValidation(500, { kind: 'auto' })).toMatchObject({ kind: 'cv', folds: 10 });
    expect(resolveValidation(5_000, { kind: 'auto' })).toMatchObject({ kind: 'cv', folds: 3 });
    expect(resolveValidation(33_000, { kind: 'auto' }, 10)).toMatchObject({ kind: 'holdout', fraction: 0.1 });
    expect(resolveValidation(500_000, { kind: 'auto' }, 3600)).toMatchObject({ kind: 'holdout', fraction: 0.1 });
  });
  it('keeps cross-validation on larger data while the budget allows a second per 1,000 rows', () => {
    expect(resolveValidation(33_000, { kind: 'auto' }, 60)).toMatchObject({ kind: 'cv', folds: 3 });
    expect(resolveValidation(33_000, { kind: 'auto' }, 30)).toMatchObject({ kind: 'holdout' });
  });
  it('keeps an explicit choice', () => {
    expect(resolveValidation(50_000, { kind: 'cv', folds: 5 })).toMatchObject({ kind: 'cv', folds: 5 });
    expect(resolveValidation(100, { kind: 'holdout', fraction: 0.25 })).toMatchObject({ fraction: 0.25 });
  });
});

describe('planValidation', () => {
  it('makes stratified folds that partition the rows', () => {
    const target = binaryTarget(1_000, 100);
    const plan = planValidation(target, { kind: 'cv', folds: 5 }, new Random(1));
    expect(plan.folds).toHaveLength(5);
    const seen = new Int32Array(1_000);
    for (const fold of plan.folds) {
      expect(fold.valid.length + fold.train.length).toBe(1_000);
      expect(fold.valid.length).toBe(200);
      for (const r of fold.valid) seen[r]!++;
      const positives = Array.from(fold.valid).filter((r) => target.y[r] === 1).length;
      expect(positives).toBe(20);
    }
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it('holds out the requested fraction of each class', () => {
    const target = binaryTarget(1_000, 100);
    const plan = planValidation(target, { kind: 'holdout', fraction: 0.1 }, new Random(7));
    const fold = plan.folds[0]!;
    expect(fold.valid.length).toBe(100);
    expect(Array.from(fold.valid).filter((r) => target.y[r] === 1)).toHaveLength(10);
    expect(new Set([...fold.train, ...fold.valid]).size).toBe(1_000);
  });

  it('is a function of the seed', () => {
    const target: Target = { task: 'regression', y: Float64Array.from({ length: 300 }, (_, i) => i) };
    const a = planValidation(target, { kind: 'cv', folds: 3 }, new Random(3));
    const b = planValidation(target, { kind: 'cv', folds: 3 }, new Random(3));
    const c = planValidation(target, { kind: 'cv', folds: 3 }, new Random(4));
    expect(Array.from(a.folds[0]!.valid)).toEqual(Array.from(b.folds[0]!.valid));
    expect(Array.from(a.folds[0]!.valid)).not.toEqual(Array.from(c.folds[0]!.valid));
  });

  it('refuses impossible splits as user errors', () => {
    const target = binaryTarget(10, 5);
    expect(() => planValidation(target, { kind: 'cv', folds: 20 }, new Random(1))).toThrow(/cannot split/);
  });
});
