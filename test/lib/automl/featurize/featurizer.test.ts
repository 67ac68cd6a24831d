import { describe, expect, it } from 'vitest';
import { fitFeaturizer, loadFeaturizer } from '../../../../src/lib/automl/featurize';
import { categorical, frame, numeric } from './frames';

const n = 40;
const range = Array.from({ length: n }, (_, i) => i);
const training = frame(
  numeric(
    'age',
    range.map((i) => (i % 10 === 3 ? Number.NaN : 20 + i)),
    'integer',
  ),
  numeric(
    'income',
    range.map((i) => 1000 + ((i * 37) % 11)),
  ),
  categorical(
    'color',
    range.map((i) => (i === 0 ? 'violet' : i % 8 === 1 ? null : i % 2 === 0 ? 'red' : 'blue')),
  ),
  numeric(
    'k',
    range.map(() => 7),
  ),
  numeric(
    'rowId',
    range.map((i) => 1000 + i),
    'integer',
  ),
  categorical(
    'name',
    range.map((i) => `person ${i}`),
    'text',
  ),
  numeric(
    'when',
    range.map((i) => Date.UTC(2024, i % 12, 1 + (i % 28))),
    'datetime',
  ),
  categorical(
    'y',
    range.map((i) => (i % 3 === 0 ? 'yes' : 'no')),
  ),
);

describe('featurizer', () => {
  const featurizer = fitFeaturizer(training, { target: 'y' });

  it('drops constant and ID-like columns and says why', () => {
    expect(featurizer.dropped).toEqual([
      { name: 'k', reason: 'constant: a single value in every row' },
      { name: 'rowId', reason: 'ID-like: 40 distinct consecutive integers in 40 rows' },
      { name: 'name', reason: 'ID-like: 40 distinct values in 40 rows' },
    ]);
    expect(featurizer.features.map((f) => f.name)).toEqual([
      'age',
      'age__missing',
      'income',
      'color',
      'when__days',
      'when__month',
      'when__day',
      'when__weekday',
    ]);
  });

  it('imputes numeric gaps with the median and flags them', () => {
    const data = featurizer.transform(training);
    const age = data.columns[0]!;
    const flag = data.columns[1]!;
    const present = range.filter((i) => i % 10 !== 3).map((i) => 20 + i);
    const median = (present[17]! + present[18]!) / 2;
    expect(age[3]).toBe(median);
    expect(flag[3]).toBe(1);
    expect(age[4]).toBe(24);
    expect(flag[4]).toBe(0);
  });

  it('codes categories by frequency, with rare and unseen values in bucket 0 and missing as NaN', () => {
    const color = featurizer.features[3]!;
    expect(color).toEqual({ name: 'color', kind: 'categorical', categories: 3 });
    expect(featurizer.inputSchema().find((c) => c.name === 'color')).toEqual({
      name: 'color',
      type: 'categorical',
      categories: ['red', 'blue'],
    });
    const data = featurizer.transform(training);
    const codes = data.columns[3]!;
    expect(codes[0]).toBe(0); // violet: seen once, below the minimum frequency
    expect(codes[1]).toBeNaN();
    expect(codes[2]).toBe(1);
    expect(codes[3]).toBe(2);
    const scoring = featurizer.transformRows([{ color: 'green' }, { color: 'violet' }, { color: 'red' }, {}]);
    expect(Array.from(scoring.data.columns[3]!)).toEqual([0, 0, 1, Number.NaN]);
    // Violet was rare in training, green never seen.
    expect(scoring.unseenCategories).toBe(1);
  });

  it('derives datetime parts that vary', () => {
    const data = featurizer.transform(training);
    expect(data.columns[5]![13]).toBe(2); // month of row 13: February
    expect(data.columns[6]![13]).toBe(14);
    expect(data.columns[4]![0]).toBe(Date.UTC(2024, 0, 1) / 86_400_000);
  });

  it('encodes plain rows exactly as the frame', () => {
    const rows = range.map((i) => {
      const row: Record<string, unknown> = {};
      for (const c of training.columns) {
        if (c.kind === 'numeric') row[c.name] = Number.isNaN(c.values[i]!) ? null : c.values[i];
        else row[c.name] = c.codes[i]! < 0 ? null : c.levels[c.codes[i]!];
      }
      if (i === 5) row['when'] = new Date(row['when'] as number).toISOString();
      if (i === 6) row['age'] = String(row['age']);
      return row;
    });
    expect(featurizer.transformRows(rows).data).toEqual(featurizer.transform(training));
  });

  it('encodes one row at a time exactly as in a batch', () => {
    const rows = [{ color: 'green', age: 31 }, { color: 'red' }, { color: 'violet', age: null }, {}];
    const batch = featurizer.transformRows(rows);
    let unseen = 0;
    rows.forEach((row, i) => {
      const one = featurizer.transformRows([row]);
      unseen += one.unseenCategories;
      expect(one.data.rows).toBe(1);
      expect(one.data.columns.map((c) => c[0])).toEqual(batch.data.columns.map((c) => c[i]));
    });
    expect(unseen).toBe(batch.unseenCategories);
  });

  it('reads a scoring frame whose types or level order differ', () => {
    const scoring = frame(
      categorical('age', ['31', null]),
      numeric('income', [1000, 1001]),
      categorical('color', ['blue', 'red']),
      numeric('when', [Date.UTC(2024, 5, 2), Number.NaN], 'datetime'),
    );
    const data = featurizer.transform(scoring);
    expect(Array.from(data.columns[0]!)).toEqual([31, featurizer.transform(training).columns[0]![3]]);
    expect(Array.from(data.columns[3]!)).toEqual([2, 1]);
  });

  it('survives a JSON round trip', () => {
    const restored = loadFeaturizer(JSON.parse(JSON.stringify(featurizer.toJSON())));
    expect(restored.transform(training)).toEqual(featurizer.transform(training));
    expect(restored.dropped).toEqual(featurizer.dropped);
  });

  it('refuses scoring data without a needed column and a corrupt state', () => {
    expect(() => featurizer.transform(frame(numeric('age', [1])))).toThrow(/lacks 3 column/);
    expect(() => loadFeaturizer({ version: 1, target: 'y' })).toThrow(/invalid/);
  });

  it('honours user exclusions and fails when nothing is left', () => {
    const f = fitFeaturizer(training, { target: 'y', drop: ['income'] });
    expect(f.dropped[0]).toEqual({ name: 'income', reason: 'excluded by the user' });
    expect(() => fitFeaturizer(frame(numeric('k', [1, 1]), numeric('y', [0, 1])), { target: 'y' })).toThrow(
      /No usable input column/,
    );
    expect(() => fitFeaturizer(training, { target: 'nope' })).toThrow(/not in the data/);
  });
});
