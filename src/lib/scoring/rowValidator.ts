import { parseDatetime } from '../data/cells/datetime';
import type { FieldIssue } from '../errors';
import type { ScoringColumn } from './scoringColumn';

/** Checks rows against a model's inputs; returns every problem (row and field), empty when all are valid. */
export type RowValidator = (rows: readonly unknown[]) => RowIssues;

export interface RowIssues {
  /** Total problems found; `issues` keeps the first MAX_LISTED. */
  readonly count: number;
  readonly issues: readonly FieldIssue[];
}

export const MAX_LISTED = 100;

type Check = (value: unknown) => string | undefined;

const finiteNumber = (v: number): string | undefined => (Number.isFinite(v) ? undefined : 'expected a finite number');

const describe = (v: unknown): string => (Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`);

/** The type test of one column; null and absence are handled before it. */
function typeCheck(column: ScoringColumn): Check {
  switch (column.type) {
    case 'integer':
      return (v) =>
        typeof v !== 'number'
          ? `expected an integer, got ${describe(v)}`
          : (finiteNumber(v) ?? (Number.isInteger(v) ? undefined : `expected an integer, got ${v}`));
    case 'float':
      return (v) => (typeof v !== 'number' ? `expected a number, got ${describe(v)}` : finiteNumber(v));
    case 'boolean':
      // CSV-trained booleans have string levels ("yes", "True"): both spellings score the same.
      return (v) =>
        typeof v === 'boolean' || typeof v === 'string' ? undefined : `expected a boolean, got ${describe(v)}`;
    case 'datetime':
      return (v) =>
        typeof v !== 'string'
          ? `expected a date-time string, got ${describe(v)}`
          : Number.isNaN(parseDatetime(v))
            ? `'${v.slice(0, 40)}' is not a date-time`
            : undefined;
    case 'categorical':
    case 'text':
      return (v) => (typeof v === 'string' ? undefined : `expected a string, got ${describe(v)}`);
  }
}

/**
 * Compiles the checks of a model's columns once (at model load), so a request costs one pass over its cells:
 * no schema walk or allocation per row unless a row is wrong. Columns the featurizer dropped are accepted and
 * ignored (they are in the dataset, so clients send them); anything else unknown is an error.
 */
export function compileRowValidator(
  columns: readonly ScoringColumn[],
  options: { readonly ignored?: readonly string[]; readonly target?: string } = {},
): RowValidator {
  const names = columns.map((c) => c.name);
  const checks = columns.map(typeCheck);
  const nullable = columns.map((c) => c.nullable);
  const known = new Set([...names, ...(options.ignored ?? [])]);
  const target = options.target;

  return (rows) => {
    const issues: FieldIssue[] = [];
    let count = 0;
    const add = (row: number, field: string, message: string): void => {
      count++;
      if (issues.length < MAX_LISTED) issues.push({ path: `data[${row}].${field}`, message });
    };
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        count++;
        if (issues.length < MAX_LISTED)
          issues.push({ path: `data[${i}]`, message: `expected an object, got ${describe(row)}` });
        continue;
      }
      const record = row as Record<string, unknown>;
      for (let j = 0; j < names.length; j++) {
        const name = names[j]!;
        // Own keys only: a row without `constructor` must not read Object.prototype's.
        const value = Object.hasOwn(record, name) ? record[name] : undefined;
        if (value === undefined) {
          add(i, name, 'missing column');
        } else if (value === null) {
          if (!nullable[j]) add(i, name, 'null is not allowed: training data had no missing values here');
        } else {
          const message = checks[j]!(value);
          if (message !== undefined) add(i, name, message);
        }
      }
      for (const key in record) {
        if (known.has(key)) continue;
        add(i, key, key === target ? 'unknown column: the target is what the model predicts' : 'unknown column');
      }
    }
    return { count, issues };
  };
}
