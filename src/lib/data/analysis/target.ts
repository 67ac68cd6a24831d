import { userError } from '../../errors';
import { inferTask, MAX_CLASSES, type Task } from '../../task';
import type { ColumnProfile, ValueCount } from '../profile/columnProfiler';
import type { DatasetProfile } from '../profile/datasetProfiler';
import type { AutomlConfig } from './automlConfig';

export interface TargetInfo {
  readonly name: string;
  /** How it was chosen: named in automl.json, a conventional name (y, target, label, class…), or the last column. */
  readonly source: 'config' | 'name' | 'last-column';
  readonly task: Task;
  /** Rows whose target is missing (they cannot be used for training). */
  readonly missing: number;
  /** Classification: every class with its row count, most frequent first. */
  readonly classes?: readonly ValueCount[];
  /** Binary: the class reported as positive (true/yes/1 when present, else the rarer class). */
  readonly positiveClass?: string;
  readonly positiveRate?: number;
}

const TARGET_NAMES = ['y', 'target', 'label', 'class', 'outcome', 'labels', 'response', 'churn'];
const POSITIVE = ['true', 'yes', '1', 't', 'y', 'positive', 'pos'];

function noTarget(message: string, path: string, hint: string): Error {
  return userError('no_target', message, { details: [{ path, message }], hint });
}

function chooseColumn(
  profile: DatasetProfile,
  config: AutomlConfig | undefined,
): [ColumnProfile, TargetInfo['source']] {
  const columns = profile.columns;
  if (config?.target !== undefined) {
    const named = columns.find((c) => c.name === config.target);
    if (named === undefined) {
      throw noTarget(
        `The target '${config.target}' named in automl.json is not a column.`,
        `column ${config.target}`,
        `Use one of: ${columns.map((c) => c.name).join(', ')}.`,
      );
    }
    return [named, 'config'];
  }
  for (const candidate of TARGET_NAMES) {
    const named = columns.find((c) => c.name.toLowerCase() === candidate);
    if (named !== undefined) return [named, 'name'];
  }
  return [columns[columns.length - 1]!, 'last-column'];
}

/** Picks the target column and the task, and refuses targets nothing can be learned from. */
export function resolveTarget(profile: DatasetProfile, config: AutomlConfig | undefined, minRows: number): TargetInfo {
  const [column, source] = chooseColumn(profile, config);
  const path = `column ${column.name}`;
  const usable = profile.rows - column.missing;
  if (usable === 0)
    throw noTarget(
      `The target '${column.name}' has no values.`,
      path,
      'Fill in the target column, or name another one in automl.json.',
    );
  if (column.distinct < 2) {
    throw userError('single_class', `The target '${column.name}' has a single value: there is nothing to learn.`, {
      details: [{ path, message: `every row is '${column.top[0]?.value ?? ''}'` }],
      hint: 'Add rows of the other classes, or choose another target in automl.json.',
    });
  }
  const task = config?.task ?? inferTask(column);
  if (task === undefined) {
    throw noTarget(
      `The target '${column.name}' (${column.type}, ${column.distinct} distinct values) cannot be predicted.`,
      path,
      'Choose a categorical or numeric target in automl.json ("target": "<column>").',
    );
  }
  checkTaskFits(column, task, path);
  if (usable < minRows) {
    throw userError('too_few_rows', `Only ${usable} rows have a target value; at least ${minRows} are needed.`, {
      details: [{ path: 'file', message: `${usable} usable rows` }],
      hint: `Provide at least ${minRows} labelled rows.`,
    });
  }
  const info = { name: column.name, source, task, missing: column.missing };
  if (task === 'regression') return info;
  const classes = classCounts(column);
  if (task !== 'binary') return { ...info, classes };
  const positive = classes.find((c) => POSITIVE.includes(c.value.toLowerCase())) ?? classes[classes.length - 1]!;
  return { ...info, classes, positiveClass: positive.value, positiveRate: positive.count / usable };
}

function checkTaskFits(column: ColumnProfile, task: Task, path: string): void {
  const numeric = column.type === 'integer' || column.type === 'float';
  const problem =
    task === 'regression' && !numeric
      ? `a regression target must be numeric, '${column.name}' is ${column.type}`
      : task === 'binary' && column.distinct !== 2
        ? `a binary target needs exactly 2 classes, '${column.name}' has ${column.distinct}`
        : task === 'multiclass' && column.distinct > MAX_CLASSES
          ? `a multiclass target may have at most ${MAX_CLASSES} classes, '${column.name}' has ${column.distinct}`
          : undefined;
  if (problem !== undefined) {
    throw userError('invalid_config', `The task does not fit the target: ${problem}.`, {
      details: [
        { path: 'task', message: problem },
        { path, message: `${column.type}, ${column.distinct} distinct values` },
      ],
      hint: 'Fix "task" in automl.json, or leave it out to have it inferred.',
    });
  }
}

/** Every class with its count: the profile's top values cover all of them (at most MAX_CLASSES). */
function classCounts(column: ColumnProfile): ValueCount[] {
  return [...column.top].sort((a, b) => b.count - a.count);
}
