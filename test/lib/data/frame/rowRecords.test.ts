import { describe, expect, it } from 'vitest';
import { rowRecords } from '../../../../src/lib/data/frame/rowRecords';
import { categorical, frame, numeric } from '../../automl/featurize/frames';

describe('rowRecords', () => {
  it('writes the first rows as the endpoint takes them: numbers, levels, ISO date-times, null for missing', () => {
    const data = frame(
      numeric('age', [41, Number.NaN, 30], 'integer'),
      categorical('job', [null, 'admin', 'retired']),
      numeric('at', [Date.UTC(2024, 0, 2), Number.NaN, 0], 'datetime'),
      categorical('y', ['no', 'yes', 'no']),
    );
    expect(rowRecords(data, ['age', 'job', 'at', 'absent'], 2)).toEqual([
      { age: 41, job: null, at: '2024-01-02T00:00:00.000Z', absent: null },
      { age: null, job: 'admin', at: null, absent: null },
    ]);
    expect(rowRecords(data, ['y'], 10)).toHaveLength(3);
  });

  it('keeps columns named like Object.prototype members as their own keys', () => {
    const data = frame(
      categorical('__proto__', ['a']),
      categorical('constructor', ['b']),
      categorical('toString', ['c']),
    );
    const [row] = rowRecords(data, ['__proto__', 'constructor', 'toString'], 1);
    expect(JSON.parse(JSON.stringify(row))).toEqual(JSON.parse('{"__proto__":"a","constructor":"b","toString":"c"}'));
    expect(Object.keys(row!)).toEqual(['__proto__', 'constructor', 'toString']);
  });
});
