import type { RowRecord } from '../data/frame/rowRecords';
import { userError } from '../errors';
import type { RegistryContext } from './deployedModel';
import { deployedVersion, loadDeployedModel } from './deployedModel';
import { datasetColumns, sampleRows } from './sampleRows';
import { scoringColumns } from './scoringColumn';

/**
 * A valid scoring payload (the seed's endpoint.py sample) of `rows` rows: the deployed model's own example
 * when it has that many, else the first rows of the dataset version it was trained on; without a deployed
 * model, the latest ready version's first rows, its columns minus the target and dropped ones.
 */
export async function samplePayload(
  ctx: RegistryContext,
  dataset: string,
  rows: number,
  method?: 'predict' | 'predict_proba',
): Promise<unknown> {
  const data = await payloadRows(ctx, dataset, rows);
  return method === undefined ? { data } : { Inputs: { data }, GlobalParameters: { method } };
}

async function payloadRows(ctx: RegistryContext, dataset: string, rows: number): Promise<readonly RowRecord[]> {
  const modelVersion = await deployedVersion(ctx, dataset);
  if (modelVersion !== undefined) {
    const model = await loadDeployedModel(ctx, dataset, modelVersion);
    if (rows <= model.examples.length) return model.examples.slice(0, rows);
    const manifest = await ctx.models.get(dataset, modelVersion);
    const version = manifest?.lineage.datasetVersion ?? 1;
    return sampleRows(ctx.store, ctx.datasets, dataset, version, model.columns, rows);
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
  const columns = scoringColumns(
    schema.filter((c) => !skip.has(c.name)),
    schema,
  );
  return sampleRows(ctx.store, ctx.datasets, dataset, latest.version, columns, rows);
}
