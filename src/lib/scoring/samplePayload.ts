import { userError } from '../errors';
import type { RegistryContext } from './deployedModel';
import { deployedVersion, loadDeployedModel } from './deployedModel';
import { datasetColumns, sampleRows } from './sampleRows';
import { type ScoringColumn, scoringColumns } from './scoringColumn';

/**
 * A valid scoring payload from a registered dataset (the seed's endpoint.py sample): the first `rows` rows, with
 * the deployed model's input columns, from the dataset version it was trained on; without a deployed model,
 * the latest ready version's columns minus the target and dropped ones.
 */
export async function samplePayload(
  ctx: RegistryContext,
  dataset: string,
  rows: number,
  method?: 'predict' | 'predict_proba',
): Promise<unknown> {
  const { version, columns } = await payloadColumns(ctx, dataset);
  const data = await sampleRows(ctx.store, ctx.datasets, dataset, version, columns, rows);
  return method === undefined ? { data } : { Inputs: { data }, GlobalParameters: { method } };
}

async function payloadColumns(
  ctx: RegistryContext,
  dataset: string,
): Promise<{ version: number; columns: readonly ScoringColumn[] }> {
  const modelVersion = await deployedVersion(ctx, dataset);
  if (modelVersion !== undefined) {
    const model = await loadDeployedModel(ctx, dataset, modelVersion);
    const manifest = await ctx.models.get(dataset, modelVersion);
    return { version: manifest?.lineage.datasetVersion ?? 1, columns: model.columns };
  }
  const latest = await ctx.datasets.latestReady(dataset);
  if (latest === undefined) {
    throw userError('not_found', `Dataset '${dataset}' is not registered`, {
      status: 404,
      hint: `Upload a CSV to the datasets container as ${dataset}/<file>.csv first.`,
    });
  }
  const skip = new Set([latest.target, ...latest.drop]);
  const schema = (await datasetColumns(ctx.datasets, dataset, latest.version)) ?? [];
  return {
    version: latest.version,
    columns: scoringColumns(
      schema.filter((c) => !skip.has(c.name)),
      schema,
    ),
  };
}
