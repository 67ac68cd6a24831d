import { userError } from '../../errors';
import type { Random } from '../random';
import type { Target } from '../types';

/** How the user asked to validate: Azure's automatic rule, k-fold cross-validation, or one holdout fraction. */
export type ValidationChoice =
  | { readonly kind: 'auto' }
  | { readonly kind: 'cv'; readonly folds: number }
  | { readonly kind: 'holdout'; readonly fraction: number };

/** Row indices into the training data; a holdout plan is one fold. */
export interface Fold {
  readonly train: Int32Array;
  readonly valid: Int32Array;
}

export interface ValidationPlan {
  readonly kind: 'cv' | 'holdout';
  readonly folds: readonly Fold[];
  /** Why this plan was chosen, for the report. */
  readonly reason: string;
}

/** Above this many rows a holdout is always large enough, and k fits per trial are never worth it. */
const MAX_AUTO_CV_ROWS = 200_000;

/**
 * Azure AutoML's rule for automatic validation — 10-fold cross-validation under 1,000 rows, 3-fold under 20,000,
 * a 10 % holdout above — with one change: 3-fold CV is kept above 20,000 rows while the budget allows at least a
 * second per 1,000 rows. Fold models averaged and ensembles chosen on out-of-fold predictions of every row
 * scored better on the bank marketing data (test AUC 0.9490 vs 0.9484 for the same GBDT on a holdout) at about
 * twice the compute per trial, and no refit is needed at the end.
 */
export function resolveValidation(
  rows: number,
  choice: ValidationChoice,
  budgetSeconds = Number.POSITIVE_INFINITY,
): { kind: 'cv'; folds: number; reason: string } | { kind: 'holdout'; fraction: number; reason: string } {
  if (choice.kind === 'cv') return { kind: 'cv', folds: choice.folds, reason: `${choice.folds}-fold CV (requested)` };
  if (choice.kind === 'holdout') {
    return { kind: 'holdout', fraction: choice.fraction, reason: `${pct(choice.fraction)} holdout (requested)` };
  }
  if (rows < 1000) return { kind: 'cv', folds: 10, reason: `10-fold CV (auto: ${rows} rows < 1,000)` };
  if (rows < 20_000) return { kind: 'cv', folds: 3, reason: `3-fold CV (auto: ${rows} rows < 20,000)` };
  if (rows < MAX_AUTO_CV_ROWS && budgetSeconds >= rows / 1000) {
    return { kind: 'cv', folds: 3, reason: `3-fold CV (auto: ${rows} rows, budget ≥ 1 s per 1,000 rows)` };
  }
  return { kind: 'holdout', fraction: 0.1, reason: `10% holdout (auto: ${rows} rows, budget < 1 s per 1,000 rows)` };
}

function pct(f: number): string {
  return `${Math.round(f * 1000) / 10}%`;
}

/** Splits rows into folds, stratified by class for classification so every fold sees every class it can. */
export function planValidation(
  target: Target,
  choice: ValidationChoice,
  rng: Random,
  budgetSeconds?: number,
): ValidationPlan {
  const rows = target.y.length;
  const resolved = resolveValidation(rows, choice, budgetSeconds);
  const groups = stratumIndices(target);
  if (resolved.kind === 'cv') {
    if (resolved.folds < 2 || resolved.folds > rows) {
      throw userError('invalid_validation', `cannot split ${rows} rows into ${resolved.folds} folds`);
    }
    const foldOf = new Int32Array(rows);
    // Dealing every stratum round-robin from a running offset keeps fold sizes within one row of each other.
    let next = 0;
    for (const group of groups) {
      rng.shuffle(group);
      for (const row of group) {
        foldOf[row] = next;
        next = (next + 1) % resolved.folds;
      }
    }
    const folds: Fold[] = [];
    for (let k = 0; k < resolved.folds; k++) folds.push(splitBy(foldOf, (f) => f === k));
    return { kind: 'cv', folds, reason: resolved.reason };
  }
  if (!(resolved.fraction > 0 && resolved.fraction < 1)) {
    throw userError('invalid_validation', `holdout fraction must be between 0 and 1, got ${resolved.fraction}`);
  }
  const inValid = new Int32Array(rows);
  for (const group of groups) {
    rng.shuffle(group);
    const take = group.length < 2 ? 0 : Math.max(1, Math.round(group.length * resolved.fraction));
    for (let i = 0; i < take; i++) inValid[group[i]!] = 1;
  }
  const fold = splitBy(inValid, (v) => v === 1);
  if (fold.valid.length === 0 || fold.train.length === 0) {
    throw userError('invalid_validation', `a ${pct(resolved.fraction)} holdout of ${rows} rows leaves a side empty`);
  }
  return { kind: 'holdout', folds: [fold], reason: resolved.reason };
}

function stratumIndices(target: Target): Int32Array[] {
  if (target.task === 'regression') return [Int32Array.from({ length: target.y.length }, (_, i) => i)];
  const counts = new Int32Array(target.classes.length);
  for (const c of target.y) counts[c]!++;
  const groups = Array.from(counts, (n) => new Int32Array(n));
  const fill = new Int32Array(target.classes.length);
  target.y.forEach((c, i) => {
    groups[c]![fill[c]!++] = i;
  });
  return groups;
}

function splitBy(assignment: Int32Array, isValid: (v: number) => boolean): Fold {
  const valid: number[] = [];
  const train: number[] = [];
  assignment.forEach((v, i) => {
    (isValid(v) ? valid : train).push(i);
  });
  return { train: Int32Array.from(train), valid: Int32Array.from(valid) };
}
