/**
 * What a model predicts, and the one rule that infers it from a target column. A leaf: the data layer's profile,
 * the ML core (`automl train` on a file) and the pipeline all take the task from here, so one file always gets one
 * task wherever it is read.
 */
export type Task = 'binary' | 'multiclass' | 'regression';

/** Beyond this many classes a target is not a classification target we can train on. */
export const MAX_CLASSES = 50;
/** An integer target with at most this many values is read as classes (a 1–5 rating), otherwise as a quantity. */
export const MAX_INTEGER_CLASSES = 10;

/** What the rule looks at: the target column's inferred type and its number of distinct present values. */
export interface TargetFacts {
  readonly type: 'integer' | 'float' | 'boolean' | 'categorical' | 'text' | 'datetime';
  readonly distinct: number;
}

/** The task a target column implies, or undefined when nothing can be learned from it (dates, free text, too many classes). */
export function inferTask({ type, distinct }: TargetFacts): Task | undefined {
  switch (type) {
    case 'boolean':
    case 'categorical':
    case 'text':
      return distinct === 2 ? 'binary' : distinct <= MAX_CLASSES ? 'multiclass' : undefined;
    case 'integer':
      return distinct === 2 ? 'binary' : distinct <= MAX_INTEGER_CLASSES ? 'multiclass' : 'regression';
    case 'float':
      return distinct === 2 ? 'binary' : 'regression';
    default:
      return undefined;
  }
}
