import type { AppContext } from '../app/context';
import { loadArtifact, type Predictor } from '../automl/artifact';
import { notFound } from '../errors';
import { compileRowValidator, type RowValidator } from './rowValidator';
import { datasetColumns, sampleRows } from './sampleRows';
import { type ScoringColumn, scoringColumns } from './scoringColumn';

/** A model version ready to serve: restored once, with its compiled row validator and an example row. */
export interface DeployedModel {
  readonly dataset: string;
  readonly version: number;
  readonly predictor: Predictor;
  readonly columns: readonly ScoringColumn[];
  readonly validate: RowValidator;
  /** The first row of its training dataset (for the OpenAPI example); undefined when unreadable. */
  readonly example: Record<string, unknown> | undefined;
}

export type RegistryContext = Pick<AppContext, 'store' | 'datasets' | 'models' | 'deployments'>;

/** Which model version the deployment pointer names (undefined: nothing deployed). */
export async function deployedVersion(ctx: RegistryContext, dataset: string): Promise<number | undefined> {
  return (await ctx.deployments.get(dataset))?.value.modelVersion;
}

/** Reads and restores one registered model version: the only place scoring touches the artifact. */
export async function loadDeployedModel(
  ctx: RegistryContext,
  dataset: string,
  version: number,
): Promise<DeployedModel> {
  const manifest = await ctx.models.get(dataset, version);
  const text = await ctx.models.readFile(dataset, version, 'artifact.json');
  if (manifest === undefined || text === undefined) notFound(`Model ${dataset} v${version}`);
  const predictor = loadArtifact(text);
  const datasetVersion = manifest.lineage.datasetVersion;
  const columns = scoringColumns(predictor.inputSchema, await datasetColumns(ctx.datasets, dataset, datasetVersion));
  const validate = compileRowValidator(columns, {
    ignored: predictor.featurizer.dropped.map((d) => d.name),
    target: predictor.target,
  });
  // The example is documentation: a snapshot that cannot be read must not keep the model from serving.
  const example = await sampleRows(ctx.store, ctx.datasets, dataset, datasetVersion, columns, 1).then(
    (rows) => rows[0],
    () => undefined,
  );
  return { dataset, version, predictor, columns, validate, example };
}
