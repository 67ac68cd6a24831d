import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../../../src/lib/data/cells/values';
import { LevelDictionary } from '../../../../src/lib/scoring/batch/levelDictionary';

describe('LevelDictionary', () => {
  it('gives raw spellings of a value one level, missing tokens -1, and derives each level once', () => {
    const parsed: string[] = [];
    const d = new LevelDictionary((l) => {
      parsed.push(l);
      return parseNumber(l);
    });
    const codes = ['42', ' 42 ', 'NA', '', '7', '42', 'x'].map((raw) => d.code(raw));
    expect(codes).toEqual([0, 0, -1, -1, 1, 0, 2]);
    expect(d.levels).toEqual(['42', '7', 'x']);
    expect(d.derived).toEqual([42, 7, Number.NaN]);
    expect(parsed).toEqual(['42', '7', 'x']);
  });

  it('starts afresh between chunks once it holds too many keys, keeping the old levels array intact', () => {
    const d = new LevelDictionary(undefined, { keys: 3, chars: 1000 });
    for (const raw of ['a', 'b', 'c']) d.code(raw);
    d.bound();
    expect(d.levels).toEqual(['a', 'b', 'c']);
    d.code('d');
    const before = d.levels;
    d.bound();
    expect(before).toEqual(['a', 'b', 'c', 'd']);
    expect(d.levels).toEqual([]);
    expect(d.code('d')).toBe(0);
    expect(d.levels).toEqual(['d']);
  });

  it('also starts afresh past its character budget', () => {
    const d = new LevelDictionary(undefined, { keys: 100, chars: 10 });
    d.code('a long value');
    d.bound();
    expect(d.levels).toEqual([]);
  });
});
