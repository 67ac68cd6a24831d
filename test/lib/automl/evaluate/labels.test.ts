import { describe, expect, it } from 'vitest';
import { classIndexer, frameLabels, MISSING_TARGET, UNSEEN_LABEL } from '../../../../src/lib/automl/evaluate';
import type { Frame } from '../../../../src/lib/data/frame/frame';

describe('classIndexer', () => {
  it('maps a label by text, or by value when both are numbers', () => {
    const indexOf = classIndexer(['0', '1']);
    expect(['1', '0', '1.0', ' 0.0', '1e0', '2', 'yes'].map(indexOf)).toEqual([
      1,
      0,
      1,
      0,
      1,
      UNSEEN_LABEL,
      UNSEEN_LABEL,
    ]);
    expect(['yes', 'Yes', 'no'].map(classIndexer(['no', 'yes']))).toEqual([1, UNSEEN_LABEL, 0]);
  });
});

describe('frameLabels', () => {
  it('labels numeric and categorical target columns alike', () => {
    const numeric: Frame = {
      rowCount: 4,
      columns: [{ kind: 'numeric', name: 'y', type: 'float', values: Float64Array.from([1, 0, Number.NaN, 2]) }],
    };
    expect(frameLabels(numeric, 'y', ['0', '1'])).toEqual(Int32Array.from([1, 0, MISSING_TARGET, UNSEEN_LABEL]));
    const text: Frame = {
      rowCount: 4,
      columns: [
        {
          kind: 'categorical',
          name: 'y',
          type: 'categorical',
          levels: ['1.0', '0', 'x'],
          codes: Int32Array.from([0, 1, -1, 2]),
        },
      ],
    };
    expect(frameLabels(text, 'y', ['0', '1'])).toEqual(Int32Array.from([1, 0, MISSING_TARGET, UNSEEN_LABEL]));
    expect([...frameLabels(text, 'y', undefined)]).toEqual([1, 0, Number.NaN, Number.NaN]);
    expect(() => frameLabels(text, 'z', undefined)).toThrow(/target column "z"/);
  });
});
