import { describe, expect, it } from 'vitest';
import { hashPair } from '../../../../src/lib/data/profile/hash';
import { ValueTable } from '../../../../src/lib/data/profile/valueTable';

function add(table: ValueTable, key: string): number {
  const k = table.find(key);
  return k >= 0 ? k : table.insert(key);
}

describe.each(['hash', 'exact'] as const)('ValueTable (%s identity)', (identity) => {
  it('gives each distinct string a dense index in first-seen order, the empty string included', () => {
    const table = new ValueTable(100, identity);
    const keys = ['no', 'yes', '', 'no', ' no', 'yes', '', '999'];
    expect(keys.map((k) => add(table, k))).toEqual([0, 1, 2, 0, 3, 1, 2, 4]);
    expect(table.keys).toEqual(['no', 'yes', '', ' no', '999']);
    expect(table.find('maybe')).toBe(-1);
  });

  it('finds every key again after growing far past its first size', () => {
    const table = new ValueTable(20_000, identity);
    // Fresh strings each time (not the same objects), as the parser hands them over.
    const key = (i: number) => `${(i * 7919) % 20_000}.5`.slice(0);
    for (let i = 0; i < 20_000; i++) expect(add(table, key(i))).toBe(i);
    for (let i = 0; i < 20_000; i++) expect(table.find(key(i))).toBe(i);
    expect(table.find('20000.5')).toBe(-1);
    expect(table.size).toBe(20_000);
  });

  it('tells when it holds `limit` keys', () => {
    const table = new ValueTable(3, identity);
    for (const k of ['a', 'b']) add(table, k);
    expect(table.full).toBe(false);
    add(table, 'c');
    expect(table.full).toBe(true);
    expect(table.find('b')).toBe(1);
  });

  it("hashes a missed key with hashPair's lanes", () => {
    const table = new ValueTable(10, identity);
    const expected = new Uint32Array(2);
    for (const key of ['', 'yes', 'university.degree', '93.994']) {
      expect(table.find(key)).toBe(-1);
      hashPair(key, expected);
      expect([...table.missedHash].map((x) => x >>> 0)).toEqual([...expected]);
    }
  });
});
