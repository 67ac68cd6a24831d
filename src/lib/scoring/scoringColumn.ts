import type { InputColumn } from '../automl/featurize';

/** One input column of a deployed model as the scoring endpoint checks it. */
export interface ScoringColumn extends InputColumn {
  /** Training data had missing values here, so null is accepted (and imputed). */
  readonly nullable: boolean;
}

/**
 * Input columns with nullability from a dataset version's schema (for format 1 artifacts, which do not record
 * it, and for payloads without a model). A column the schema does not list is taken as nullable: the
 * featurizer imputes anyway.
 */
export function scoringColumns(
  inputs: readonly InputColumn[],
  datasetColumns: readonly { readonly name: string; readonly nullable: boolean }[] | undefined,
): ScoringColumn[] {
  const nullable = new Map((datasetColumns ?? []).map((c) => [c.name, c.nullable]));
  return inputs.map((c) => ({ ...c, nullable: nullable.get(c.name) ?? true }));
}
