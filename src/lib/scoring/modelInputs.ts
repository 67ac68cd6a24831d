import type { Predictor } from '../automl/artifact';
import type { RowRecord } from '../data/frame/rowRecords';
import { systemError } from '../errors';
import type { RegistryContext } from './deployedModel';
import { datasetColumns, sampleRows } from './sampleRows';
import { type ScoringColumn, scoringColumns } from './scoringColumn';

/** What serving needs to know of a model's inputs beyond the predictor: nullability and example rows. */
export interface ModelInputs {
  readonly columns: readonly ScoringColumn[];
  /** Valid input rows, for the OpenAPI example and sample payloads; empty when none could be read. */
  readonly examples: readonly RowRecord[];
}

/**
 * From the artifact itself (format 2 on), so the model serves without its dataset. A format 1 artifact does
 * not record them: they come from the dataset version it was trained on, as they did before format 2.
 */
export async function modelInputs(
  ctx: RegistryContext,
  dataset: string,
  version: number,
  predictor: Predictor,
): Promise<ModelInputs> {
  const artifact = predictor.artifact;
  if (artifact.formatVersion !== 1) return { columns: artifact.inputSchema, examples: artifact.example };
  const manifest = await ctx.models.get(dataset, version);
  if (manifest === undefined) throw systemError('model_missing', `model ${dataset} v${version} has no model.json`);
  const datasetVersion = manifest.lineage.datasetVersion;
  const columns = scoringColumns(predictor.inputSchema, await datasetColumns(ctx.datasets, dataset, datasetVersion));
  // The example is documentation: a snapshot that cannot be read must not keep the model from serving.
  const examples = await sampleRows(ctx.store, ctx.datasets, dataset, datasetVersion, columns, 1).catch(() => []);
  return { columns, examples };
}
