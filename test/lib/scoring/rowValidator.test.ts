import { describe, expect, it } from 'vitest';
import { compileRowValidator, MAX_LISTED } from '../../../src/lib/scoring/rowValidator';
import type { ScoringColumn } from '../../../src/lib/scoring/scoringColumn';

const columns: ScoringColumn[] = [
  { name: 'n', type: 'integer', nullable: true },
  { name: 'x', type: 'float', nullable: false },
  { name: 'flag', type: 'boolean', nullable: false },
  { name: 'when', type: 'datetime', nullable: false },
  { name: 'kind', type: 'categorical', nullable: false, categories: ['a', 'b'] },
];
const validate = compileRowValidator(columns, { ignored: ['id'], target: 'label' });
const good = { n: 1, x: 0.5, flag: true, when: '2024-05-01T10:00:00Z', kind: 'a' };
const paths = (rows: unknown[]) => validate(rows).issues.map((i) => `${i.path}: ${i.message}`);

describe('compileRowValidator', () => {
  it('accepts valid rows, nulls in nullable columns, unseen categories, string booleans and dropped columns', () => {
    expect(validate([good, { ...good, n: null, kind: 'zzz', flag: 'yes', id: 7 }])).toEqual({ count: 0, issues: [] });
  });

  it('names each wrong row and field', () => {
    expect(
      paths([
        { ...good, when: 'soon' },
        { ...good, flag: 1 },
        { ...good, x: null },
        { ...good, label: 'y' },
      ]),
    ).toEqual([
      "data[0].when: 'soon' is not a date-time",
      'data[1].flag: expected a boolean, got a number',
      'data[2].x: null is not allowed: training data had no missing values here',
      'data[3].label: unknown column: the target is what the model predicts',
    ]);
    expect(paths([{ ...good, when: 5 }])).toEqual(['data[0].when: expected a date-time string, got a number']);
    expect(paths([{ ...good, x: Number.POSITIVE_INFINITY }])).toEqual(['data[0].x: expected a finite number']);
    expect(paths([[good]])).toEqual(['data[0]: expected an object, got an array']);
  });

  it(`counts every problem but lists the first ${MAX_LISTED}`, () => {
    const result = validate(Array.from({ length: 150 }, () => ({})));
    expect(result.count).toBe(150 * columns.length);
    expect(result.issues).toHaveLength(MAX_LISTED);
    expect(result.issues[0]).toEqual({ path: 'data[0].n', message: 'missing column' });
  });

  it('checks columns named like Object.prototype members as any other column', () => {
    const names = ['__proto__', 'constructor', 'toString'];
    const check = compileRowValidator(names.map((name) => ({ name, type: 'categorical', nullable: false })));
    const paths = (rows: unknown[]) => check(rows).issues.map((i) => `${i.path}: ${i.message}`);
    expect(check([JSON.parse('{"__proto__":"a","constructor":"b","toString":"c"}')])).toEqual({ count: 0, issues: [] });
    expect(paths([{}])).toEqual(names.map((n) => `data[0].${n}: missing column`));
    expect(paths([JSON.parse('{"__proto__":1,"constructor":"b","toString":"c","valueOf":"d"}')])).toEqual([
      'data[0].__proto__: expected a string, got a number',
      'data[0].valueOf: unknown column',
    ]);
  });
});
