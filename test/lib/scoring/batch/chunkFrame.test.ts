import { describe, expect, it } from 'vitest';
import { MISSING_TARGET, UNSEEN_LABEL } from '../../../../src/lib/automl/evaluate';
import { ChunkFramer, type ScoringSchema } from '../../../../src/lib/scoring/batch/chunkFrame';

const schema: ScoringSchema = {
  columns: [
    { name: 'n', type: 'float' },
    { name: 'c', type: 'categorical', categories: ['a', 'b'] },
  ],
  target: 'y',
  classes: ['no', 'yes'],
};

describe('ChunkFramer', () => {
  it('frames chunks against the schema, values seen in earlier chunks included', () => {
    const framer = new ChunkFramer(schema, ['c', 'y', 'n']);
    const first = framer.frame([
      ['a', 'yes', '1.5'],
      [' b', 'no', 'NA'],
    ]);
    const second = framer.frame([
      ['b ', 'maybe', ' 1.5'],
      ['', '', '2'],
      ['a', 'yes', 'oops'],
    ]);
    const [n1, c1] = first.frame.columns;
    expect(n1).toMatchObject({ kind: 'numeric', values: Float64Array.from([1.5, Number.NaN]) });
    expect(c1?.kind === 'categorical' && [...c1.codes].map((k) => c1.levels[k])).toEqual(['a', 'b']);
    expect(first.labels).toEqual(Int32Array.from([1, 0]));
    expect(second.rejects).toEqual([{ index: 2, reason: "column n: 'oops' is not a number" }]);
    expect([...second.kept]).toEqual([0, 1]);
    const [n2, c2] = second.frame.columns;
    expect(n2).toMatchObject({ values: Float64Array.from([1.5, 2]) });
    expect(c2?.kind === 'categorical' && [...c2.codes].map((k) => (k < 0 ? null : c2.levels[k]))).toEqual(['b', null]);
    expect(second.labels).toEqual(Int32Array.from([UNSEEN_LABEL, MISSING_TARGET]));
  });

  it('fails fast when a model column is absent', () => {
    expect(() => new ChunkFramer(schema, ['n', 'y'])).toThrow(/lacks 1 column/);
  });
});
