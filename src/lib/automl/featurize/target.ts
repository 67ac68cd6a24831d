import { column, type Frame, type FrameColumn } from '../../data/frame/frame';
import { takeFrameRows } from '../../data/frame/takeRows';
import { userError } from '../../errors';
import { inferTask as inferTaskOf, type Task } from '../../task';
import type { Target } from '../types';

/**
 * Target encoding. Classes are sorted (numerically when every label is a number) — except that a binary target
 * lists its positive class second, because index 1 is the probability column thresholds and curves read. The
 * positive class is the conventional one when exactly one label is 'yes', 'true', '1', 'y', 't', 'positive'
 * or 'pos' (any case), otherwise the minority class (on a tie, the later label in sorted order).
 */
const POSITIVE = new Set(['yes', 'true', '1', 'y', 't', 'positive', 'pos']);

export interface TargetOptions {
  /** Force the task; inferred by the project's one rule when absent (src/lib/task.ts). */
  readonly task?: Task;
  /** Score against a trained model's classes: labels map onto these, an unknown label is an error. */
  readonly classes?: readonly string[];
}

function targetColumn(frame: Frame, name: string): FrameColumn {
  const c = column(frame, name);
  if (!c) throw userError('target_missing', `The target column "${name}" is not in the data.`);
  return c;
}

/** Each row's label as text, undefined when missing. */
function labels(c: FrameColumn): (string | undefined)[] {
  if (c.kind === 'numeric') return Array.from(c.values, (v) => (Number.isNaN(v) ? undefined : String(v)));
  return Array.from(c.codes, (code) => (code < 0 ? undefined : c.levels[code]));
}

function compareLabels(a: string, b: string, numeric: boolean): number {
  if (numeric) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows of the frame whose target is present (targets must be complete to train or evaluate). */
export function dropMissingTarget(frame: Frame, name: string): { frame: Frame; dropped: number } {
  const c = targetColumn(frame, name);
  const keep: number[] = [];
  for (let i = 0; i < frame.rowCount; i++) {
    const missing = c.kind === 'numeric' ? Number.isNaN(c.values[i]!) : c.codes[i]! < 0;
    if (!missing) keep.push(i);
  }
  if (keep.length === frame.rowCount) return { frame, dropped: 0 };
  return { frame: takeFrameRows(frame, Int32Array.from(keep)), dropped: frame.rowCount - keep.length };
}

/** The task of a frame's target column, by the one rule every reader of a file uses (src/lib/task.ts). */
export function inferTask(frame: Frame, name: string): Task {
  const c = targetColumn(frame, name);
  const distinct = new Set(labels(c).filter((l) => l !== undefined)).size;
  const task = inferTaskOf({ type: c.type, distinct });
  if (task === undefined) {
    throw userError('no_task', `The target "${name}" (${c.type}, ${distinct} distinct values) cannot be predicted.`, {
      hint: 'Choose a categorical or numeric target, or name the task (--task, or "task" in automl.json).',
    });
  }
  return task;
}

export function encodeTarget(frame: Frame, name: string, options: TargetOptions = {}): Target {
  const c = targetColumn(frame, name);
  const task = options.task ?? inferTask(frame, name);
  const rowLabels = labels(c);
  const missing = rowLabels.filter((l) => l === undefined).length;
  if (missing > 0) {
    throw userError('target_incomplete', `The target "${name}" is missing in ${missing} row(s).`, {
      hint: 'Drop those rows first (dropMissingTarget) or fill the target in.',
    });
  }
  if (task === 'regression') {
    const y = Float64Array.from(rowLabels, (l) => Number(l));
    if (y.some((v) => !Number.isFinite(v))) {
      throw userError(
        'target_not_numeric',
        `The target "${name}" has values that are not numbers; regression needs numbers.`,
      );
    }
    return { task, y };
  }
  const classes = options.classes ?? classOrder(rowLabels as string[], task);
  const index = new Map(classes.map((label, i) => [label, i]));
  const y = new Int32Array(rowLabels.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(rowLabels[i]!);
    if (k === undefined) {
      throw userError(
        'unknown_class',
        `Target value "${rowLabels[i]}" in row ${i + 1} is not one of the model's classes.`,
        {
          hint: `Classes: ${classes.join(', ')}.`,
        },
      );
    }
    y[i] = k;
  }
  if (task === 'binary' && classes.length !== 2) {
    throw userError('not_binary', `A binary target needs exactly two classes; "${name}" has ${classes.length}.`);
  }
  if (classes.length < 2) {
    throw userError('single_class', `The target "${name}" has a single class; there is nothing to learn.`);
  }
  return { task, classes: [...classes], y };
}

function classOrder(rowLabels: readonly string[], task: Task): string[] {
  const counts = new Map<string, number>();
  for (const l of rowLabels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const distinct = [...counts.keys()];
  const numeric = distinct.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  distinct.sort((a, b) => compareLabels(a, b, numeric));
  if (task !== 'binary' || distinct.length !== 2) return distinct;
  const [a, b] = distinct as [string, string];
  const conventional = distinct.filter((l) => POSITIVE.has(l.trim().toLowerCase()));
  const positive = conventional.length === 1 ? conventional[0]! : (counts.get(a) ?? 0) < (counts.get(b) ?? 0) ? a : b;
  return positive === a ? [b, a] : [a, b];
}
