import type { AppContext } from '../app/context';
import type { Predictor } from '../automl/artifact';
import type { RowRecord } from '../data/frame/rowRecords';
import { loadPredictor } from '../registry/loadPredictor';
import { modelInputs } from './modelInputs';
import { compileRowValidator, type RowValidator } from './rowValidator';
import type { ScoringColumn } from './scoringColumn';

/** A model version ready to serve: restored once, with its compiled row validator and example rows. */
export interface DeployedModel {
  readonly dataset: string;
  readonly version: number;
  readonly predictor: Predictor;
  readonly columns: readonly ScoringColumn[];
  readonly validate: RowValidator;
  /** Valid input rows (the OpenAPI example); empty when none could be read. */
  readonly examples: readonly RowRecord[];
}

export type RegistryContext = Pick<AppContext, 'store' | 'datasets' | 'models' | 'deployments'>;

/** Which model version the deployment pointer names (undefined: nothing deployed). */
export async function deployedVersion(ctx: RegistryContext, dataset: string): Promise<number | undefined> {
  return (await ctx.deployments.get(dataset))?.value.modelVersion;
}

/** Restores one registered model version for serving. */
export async function loadDeployedModel(
  ctx: RegistryContext,
  dataset: string,
  version: number,
): Promise<DeployedModel> {
  const predictor = await loadPredictor(ctx.models, dataset, version);
  const { columns, examples } = await modelInputs(ctx, dataset, version, predictor);
  const validate = compileRowValidator(columns, {
    ignored: predictor.featurizer.dropped.map((d) => d.name),
    target: predictor.target,
  });
  return { dataset, version, predictor, columns, validate, examples };
}
