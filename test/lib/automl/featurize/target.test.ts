import { describe, expect, it } from 'vitest';
import { dropMissingTarget, encodeTarget, inferTask } from '../../../../src/lib/automl/featurize';
import { categorical, frame, numeric } from './frames';

describe('target encoding', () => {
  it('puts the conventional positive class second', () => {
    const t = encodeTarget(frame(categorical('y', ['yes', 'no', 'no'])), 'y');
    expect(t).toEqual({ task: 'binary', classes: ['no', 'yes'], y: Int32Array.from([1, 0, 0]) });
    const b = encodeTarget(frame(categorical('y', ['TRUE', 'false', 'TRUE'])), 'y');
    expect(b.task !== 'regression' && b.classes).toEqual(['false', 'TRUE']);
  });

  it('takes the minority class as positive otherwise', () => {
    const t = encodeTarget(frame(categorical('y', ['stay', 'churn', 'stay', 'stay'])), 'y');
    expect(t.task !== 'regression' && t.classes).toEqual(['stay', 'churn']);
    expect(Array.from(t.y)).toEqual([0, 1, 0, 0]);
  });

  it('sorts multiclass labels, numerically when they are numbers', () => {
    const t = encodeTarget(frame(categorical('y', ['b', 'c', 'a'])), 'y');
    expect(t.task !== 'regression' && t.classes).toEqual(['a', 'b', 'c']);
    const n = encodeTarget(frame(numeric('y', [10, 9, 2])), 'y', { task: 'multiclass' });
    expect(n.task !== 'regression' && n.classes).toEqual(['2', '9', '10']);
  });

  it('infers regression for numbers and binary for two values', () => {
    expect(inferTask(frame(numeric('y', [1.5, 2, 3])), 'y')).toBe('regression');
    expect(inferTask(frame(numeric('y', [0, 1, 1])), 'y')).toBe('binary');
    const r = encodeTarget(frame(numeric('y', [1.5, 2, 3])), 'y');
    expect(r).toEqual({ task: 'regression', y: Float64Array.from([1.5, 2, 3]) });
  });

  it('maps onto a trained model’s classes and rejects unknown labels', () => {
    const t = encodeTarget(frame(categorical('y', ['yes'])), 'y', { task: 'binary', classes: ['no', 'yes'] });
    expect(Array.from(t.y)).toEqual([1]);
    expect(() =>
      encodeTarget(frame(categorical('y', ['maybe'])), 'y', { task: 'binary', classes: ['no', 'yes'] }),
    ).toThrow(/not one of the model's classes/);
  });

  it('refuses missing targets until they are dropped, and single-class targets', () => {
    const f = frame(numeric('x', [1, 2, 3]), categorical('y', ['a', null, 'b']));
    expect(() => encodeTarget(f, 'y')).toThrow(/missing in 1 row/);
    const kept = dropMissingTarget(f, 'y');
    expect(kept.dropped).toBe(1);
    expect(Array.from((kept.frame.columns[0] as { values: Float64Array }).values)).toEqual([1, 3]);
    expect(encodeTarget(kept.frame, 'y').y.length).toBe(2);
    expect(() => encodeTarget(frame(categorical('y', ['a', 'a'])), 'y')).toThrow(/single class/);
  });
});
