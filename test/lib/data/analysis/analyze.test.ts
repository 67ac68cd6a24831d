import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyzeCsv } from '../../../../src/lib/data/analysis/analyze';
import { BANK_TRAIN } from '../bankData';

describe('analyzeCsv', () => {
  it('profiles the bank file: 21 columns, target y, binary, 11.2 % positive, imbalance alert', async () => {
    const a = await analyzeCsv(BANK_TRAIN);
    expect(a.schema).toHaveLength(21);
    expect(a.target).toMatchObject({ name: 'y', source: 'name', task: 'binary', positiveClass: 'yes' });
    expect(a.target.positiveRate).toBeCloseTo(0.112, 3);
    expect(a.guardrails.find((g) => g.name === 'Class balancing detection')?.status).toBe('alerted');
    expect(a.profile.rows).toBe(32_950);
    expect(a.profile.duplicateRows).toBe(9); // `sort -u` on the data lines agrees
    expect(a.sha256).toBe('4c16872d76296728dad73beeecb82f251a3070a132c721639ea8b5212a8c1589');
    const age = a.profile.columns.find((c) => c.name === 'age');
    expect(age?.numeric).toMatchObject({ min: 17, max: 98, count: 32_950 });
    expect(age?.numeric?.mean).toBeCloseTo(40.04, 2);
    expect(a.drop).toEqual([]);
  });

  it('hashes the raw bytes, BOM included, whatever the chunking', async () => {
    const text =
      '\ufeffa,b,y\r\n' +
      Array.from({ length: 60 }, (_, i) => `${i % 7},${i % 3 ? 'u' : 'v'},${i % 2 ? 'p' : 'q'}\r\n`).join('');
    const bytes = Buffer.from(text);
    const { createHash } = await import('node:crypto');
    const parts = [bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2, 100), bytes.subarray(100)];
    const a = await analyzeCsv(Readable.from(parts));
    expect(a.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(a.dialect).toMatchObject({ bom: true, lineEnding: '\r\n', columns: ['a', 'b', 'y'] });
    expect(a.bytes).toBe(bytes.length);
  });

  it('takes the target from --target over automl.json, and the task from automl.json', async () => {
    const text = 'a,b,c\n' + Array.from({ length: 60 }, (_, i) => `${i % 4},${(i * 0.37) % 5},${i % 3}\n`).join('');
    const a = await analyzeCsv(Readable.from([text]), { config: { target: 'c', task: 'regression' }, target: 'a' });
    expect(a.target.name).toBe('a');
    expect(a.task).toBe('regression');
    expect(a.config).toMatchObject({ version: 1, autoTrain: true, target: 'a' });
  });

  it('keeps counting past the per-column value cache: missing values, estimated distincts, text type', async () => {
    const n = 30_000;
    const lines = Array.from(
      { length: n },
      (_, i) => `${i % 10 === 0 ? 'NA' : `user-${i * 7919}`},${i % 3},${i % 2 ? 'a' : 'b'}\n`,
    );
    const a = await analyzeCsv(Readable.from([`who,k,y\n${lines.join('')}`]));
    const who = a.profile.columns[0]!;
    expect(who).toMatchObject({ name: 'who', type: 'text', missing: n / 10, approximate: true });
    expect(Math.abs(who.distinct / (n * 0.9) - 1)).toBeLessThan(0.05);
    expect(a.drop).toEqual(['who']);
    // Only the NA rows repeat: (NA, i % 3, 'b') has 3 distinct forms.
    expect(a.profile.duplicateRows).toBe(n / 10 - 3);
  });
});
