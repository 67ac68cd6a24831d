import type { AppContext } from '../app/context';
import { notFound } from '../errors';

export async function listDatasetsView(ctx: AppContext): Promise<unknown> {
  const names = await ctx.datasets.datasets();
  const datasets = await Promise.all(
    names.map(async (name) => {
      const versions = await ctx.datasets.versions(name);
      const latest = versions.filter((v) => v.status === 'ready').at(-1);
      return { name, versions: versions.length, latest: latest ?? null };
    }),
  );
  return { datasets };
}

export async function datasetView(ctx: AppContext, dataset: string): Promise<unknown> {
  const versions = await ctx.datasets.versions(dataset);
  if (versions.length === 0) notFound(`dataset '${dataset}'`, `Upload a CSV to datasets/${dataset}/ to register it.`);
  return { name: dataset, versions };
}

export async function datasetVersionView(ctx: AppContext, dataset: string, version: number): Promise<unknown> {
  const doc = await ctx.datasets.get(dataset, version);
  if (doc === undefined) notFound(`dataset '${dataset}' version ${version}`);
  const [schema, profile, guardrails, drift, target] = await Promise.all(
    ['schema.json', 'profile.json', 'guardrails.json', 'drift.json', 'target.json'].map((f) =>
      ctx.datasets.readDocument(dataset, version, f),
    ),
  );
  return { ...doc, targetInfo: target ?? null, schema, profile, guardrails, drift: drift ?? null };
}
