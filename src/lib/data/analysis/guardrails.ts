import type { ColumnProfile } from '../profile/columnProfiler';
import type { DatasetProfile } from '../profile/datasetProfiler';
import { LeakageProbe } from './leakage';
import type { TargetInfo } from './target';

/** One data guardrail, in the shape Azure AutoML reports them. */
export interface Guardrail {
  readonly name: string;
  readonly status: 'passed' | 'alerted' | 'fixed';
  readonly description: string;
  readonly details: readonly Record<string, string | number>[];
}

export interface GuardrailReport {
  readonly guardrails: Guardrail[];
  /** Feature columns training should leave out (constant, ID-like, free text). */
  readonly drop: string[];
}

// Azure calls classes imbalanced when the smallest holds under 20 % of the largest's rows.
const IMBALANCE_RATIO = 0.2;
const MIN_ROWS_PER_CLASS = 10;
const HIGH_CARDINALITY = 100;
const ID_UNIQUE_SHARE = 0.99;
const ID_MIN_ROWS = 20;
const LEAKAGE_SCORE = 0.99;
const ID_NAME = /(^|[_\s.-])(id|uuid|guid|key|index)$|^(id|uuid|guid|index)([_\s.-]|$)/i;

function guardrail(
  name: string,
  details: Guardrail['details'],
  ifAny: 'alerted' | 'fixed',
  passed: string,
  found: string,
): Guardrail {
  return details.length === 0
    ? { name, status: 'passed', description: passed, details }
    : { name, status: ifAny, description: found, details };
}

function dropReason(c: ColumnProfile, rows: number): string | undefined {
  const present = rows - c.missing;
  if (c.distinct <= 1) return present === 0 ? 'every value is missing' : 'constant';
  const unique = present >= ID_MIN_ROWS && c.distinct >= ID_UNIQUE_SHARE * present;
  if (unique && (c.type === 'text' || c.type === 'categorical')) return 'ID-like: every value is distinct';
  if (unique && c.type === 'integer' && (c.numeric?.sequence === true || ID_NAME.test(c.name))) {
    return 'ID-like: a distinct integer per row';
  }
  if (c.type === 'text') return 'free text: too many distinct values to use as categories';
  return undefined;
}

/** Checks the data the way Azure AutoML's data guardrails do, given the profile, target and a row sample. */
export function checkGuardrails(
  profile: DatasetProfile,
  target: TargetInfo,
  sample: readonly (readonly string[])[],
): GuardrailReport {
  const { rows } = profile;
  const features = profile.columns.filter((c) => c.name !== target.name);
  const dropped = features.flatMap((c) => {
    const reason = dropReason(c, rows);
    return reason === undefined ? [] : [{ column: c.name, reason }];
  });
  const drop = dropped.map((d) => d.column);
  const kept = features.filter((c) => !drop.includes(c.name));
  const guardrails: Guardrail[] = [];

  if (target.classes !== undefined) {
    const counts = target.classes.map((c) => c.count);
    const largest = Math.max(...counts);
    const smallest = Math.min(...counts);
    const usable = rows - target.missing;
    const details =
      smallest < IMBALANCE_RATIO * largest
        ? target.classes.map((c) => ({ class: c.value, rows: c.count, share: round(c.count / usable) }))
        : [];
    guardrails.push(
      guardrail(
        'Class balancing detection',
        details,
        'alerted',
        'Your inputs were analyzed, and all classes are balanced in your training data.',
        `Imbalanced classes were detected in your inputs: the smallest class has ${round(smallest / largest)} times the rows of the largest. Weight the classes, resample, or use a metric less sensitive to imbalance such as AUC_weighted.`,
      ),
    );
  }

  const missing = kept
    .filter((c) => c.missing > 0)
    .map((c) => ({
      column: c.name,
      missing: c.missing,
      imputation: c.numeric === undefined ? 'most frequent' : 'mean',
    }));
  guardrails.push(
    guardrail(
      'Missing feature values imputation',
      missing,
      'fixed',
      'No feature missing values were detected in the training data.',
      'Missing feature values were detected in the training data and are imputed during featurization.',
    ),
  );

  const highCardinality = kept
    .filter((c) => c.type === 'categorical' && c.distinct > HIGH_CARDINALITY)
    .map((c) => ({ column: c.name, distinct: c.distinct }));
  guardrails.push(
    guardrail(
      'High cardinality feature detection',
      highCardinality,
      'alerted',
      'Your inputs were analyzed, and no high cardinality features were detected.',
      `Categorical features with more than ${HIGH_CARDINALITY} distinct values were detected; consider grouping rare values.`,
    ),
  );

  guardrails.push(
    guardrail(
      'Constant and ID-like feature detection',
      dropped,
      'fixed',
      'No constant, ID-like or free-text features were detected.',
      'Constant, ID-like or free-text features were detected and are dropped from training.',
    ),
  );

  const columnIndex = new Map(profile.columns.map((c, i) => [c.name, i]));
  const targetIndex = columnIndex.get(target.name)!;
  const probe = new LeakageProbe(sample, targetIndex, target.task);
  const leaks = kept.flatMap((c) => {
    const s = probe.score(columnIndex.get(c.name)!, c);
    return s !== undefined && s.score >= LEAKAGE_SCORE && s.score > s.baseline + (1 - s.baseline) / 2
      ? [{ column: c.name, score: round(s.score), baseline: round(s.baseline) }]
      : [];
  });
  guardrails.push(
    guardrail(
      'Target leakage detection',
      leaks,
      'alerted',
      'No single feature predicts the target almost perfectly.',
      'Suspected target leakage: these features alone predict the target almost perfectly. Check that they are known before the target at prediction time, or drop them.',
    ),
  );

  if (target.classes !== undefined) {
    const few = target.classes
      .filter((c) => c.count < MIN_ROWS_PER_CLASS)
      .map((c) => ({ class: c.value, rows: c.count }));
    guardrails.push(
      guardrail(
        'Too few rows per class',
        few,
        'alerted',
        `Every class has at least ${MIN_ROWS_PER_CLASS} rows.`,
        `Some classes have fewer than ${MIN_ROWS_PER_CLASS} rows: models cannot learn or validate them reliably. Add rows or merge rare classes.`,
      ),
    );
  }
  return { guardrails, drop };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
