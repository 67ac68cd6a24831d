import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AppContext } from '../../src/lib/app/context';
import { serializeArtifact } from '../../src/lib/automl/artifact';
import { inferTask } from '../../src/lib/automl/featurize';
import { runAutoML } from '../../src/lib/automl/run/runAutoML';
import type { AutoMLSettingsInput } from '../../src/lib/automl/run/settings';
import { readCsvFrame } from '../../src/lib/data/frame/readFrame';
import { allContainers, containers } from '../../src/lib/storage/containers';

/**
 * The shortest path to a serving model, for the scoring benchmark, tests and demos: registers `csv` as a
 * dataset version (snapshot and schema.json, as registration stores them), trains it with `settings` and
 * deploys the model as a manual deployment. The real pipeline (blob drop → train → deploy) does the same
 * through Service Bus with profiling and champion/challenger on top.
 */
export async function quickDeploy(
  ctx: Pick<AppContext, 'store' | 'datasets' | 'models' | 'deployments' | 'now'>,
  dataset: string,
  csv: string,
  settings: AutoMLSettingsInput,
): Promise<{ datasetVersion: number; modelVersion: number }> {
  for (const c of allContainers) await ctx.store.ensureContainer(c);
  const sha256 = createHash('sha256').update(csv).digest('hex');
  const name = `${dataset}/${sha256.slice(0, 12)}.csv`;
  const etag = await ctx.store.writeText(containers.datasets, name, csv, 'text/csv');
  const { frame, schema } = await readCsvFrame(Readable.from([Buffer.from(csv)]));
  const registered = await ctx.datasets.register({
    dataset,
    sha256,
    source: { container: containers.datasets, name, etag },
    summary: {
      rows: frame.rowCount,
      columns: schema.length,
      target: settings.target,
      task: settings.task ?? inferTask(frame, settings.target),
      guardrails: [],
      drop: [],
    },
    documents: { 'schema.json': { columns: schema } },
  });
  const datasetVersion = registered.version;
  const version = typeof datasetVersion === 'number' ? datasetVersion : datasetVersion.version;
  const { artifact, summary } = await runAutoML(frame, settings, { schema });
  const model = await ctx.models.register({
    manifest: {
      dataset,
      runId: `quick-${sha256.slice(0, 16)}-${summary.best.learner}`,
      task: summary.task,
      target: summary.target,
      primaryMetric: summary.metric.name,
      bestLearner: summary.best.learner,
      validation: summary.validationMetrics,
      artifactSha256: artifact.sha256,
      lineage: { datasetVersion: version, datasetSha256: sha256, seed: 42, budgetSeconds: 0, codeVersion: 'quick' },
    },
    files: { 'artifact.json': { text: serializeArtifact(artifact), contentType: 'application/json' } },
  });
  await ctx.deployments.record(dataset, (current) => ({
    at: ctx.now().toISOString(),
    action: 'manual',
    modelVersion: model.version,
    ...(current === undefined ? {} : { previousVersion: current.modelVersion }),
    reason: 'quick deploy',
  }));
  return { datasetVersion: version, modelVersion: model.version };
}
