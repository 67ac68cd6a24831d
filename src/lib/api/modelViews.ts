import type { AppContext } from '../app/context';
import { notFound } from '../errors';

export async function listModelsView(ctx: AppContext): Promise<unknown> {
  const names = await ctx.datasets.datasets();
  const models = await Promise.all(
    names.map(async (name) => {
      const versions = (await ctx.models.versions(name)).filter((v) => v.status === 'ready');
      const deployment = await ctx.deployments.get(name);
      return {
        name,
        versions: versions.length,
        latest: versions.at(-1) ?? null,
        deployed: deployment?.value.modelVersion ?? null,
      };
    }),
  );
  return { models: models.filter((m) => m.versions > 0) };
}

export async function modelView(ctx: AppContext, dataset: string): Promise<unknown> {
  const versions = (await ctx.models.versions(dataset)).filter((v) => v.status === 'ready');
  const deployment = (await ctx.deployments.get(dataset))?.value;
  if (versions.length === 0) notFound(`model '${dataset}'`, `Start a run: POST /api/pipelines/${dataset}/runs`);
  const deployed = versions.find((v) => v.version === deployment?.modelVersion) ?? null;
  return { name: dataset, deployed, deployment: deployment ?? null, versions };
}

export async function modelVersionView(ctx: AppContext, dataset: string, version: number): Promise<unknown> {
  const doc = await ctx.models.get(dataset, version);
  if (doc === undefined || doc.status !== 'ready') notFound(`model '${dataset}' version ${version}`);
  const leaderboard = await ctx.models.readFile(dataset, version, 'leaderboard.json');
  const explanations = await ctx.models.readFile(dataset, version, 'explanations.json');
  const deployment = (await ctx.deployments.get(dataset))?.value;
  return {
    ...doc,
    deployed: deployment?.modelVersion === version,
    leaderboard: leaderboard === undefined ? [] : JSON.parse(leaderboard),
    explanations: explanations === undefined ? null : JSON.parse(explanations),
  };
}
