import type { AppContext } from '../app/context';
import { refusedTriggerName } from '../app/triggerBlobName';
import { analyzeCsv, type DatasetAnalysis } from '../data/analysis/analyze';
import { parseAutomlConfig } from '../data/analysis/automlConfig';
import { compareProfiles } from '../data/analysis/drift';
import type { DatasetProfile } from '../data/profile/datasetProfiler';
import { DATASET_NAME, DATASET_NAME_RULE } from '../datasetName';
import { isAppError, userError } from '../errors';
import { containers } from '../storage/containers';
import { runIds } from './ids';
import { quarantine } from './quarantine';
import { startRun } from './startRun';

const PROGRESS_MIN_BYTES = 16 * 1024 * 1024;

export const CONFIG_FILE = 'automl.json';

export interface DropOptions {
  readonly budgetSeconds: number;
  readonly sizeLimitBytes: number;
}

export type DropOutcome =
  | { readonly status: 'registered'; readonly version: number; readonly runId?: string }
  | { readonly status: 'duplicate'; readonly version: number }
  | { readonly status: 'quarantined'; readonly code: string }
  | { readonly status: 'refused'; readonly reason: string }
  | { readonly status: 'config-checked' };

/**
 * The `registerDataset` stage: a CSV dropped under `datasets/{dataset}/` becomes a registered, profiled
 * version and, unless automl.json says otherwise, a training run. A file the user must fix is quarantined with
 * a report instead of being thrown back to the trigger (no retry storm); other errors propagate for a retry.
 * A name that would address another path is refused before anything is read, written or deleted.
 */
export async function registerDrop(
  ctx: AppContext,
  blob: { readonly dataset: string; readonly file: string },
  opts: DropOptions,
): Promise<DropOutcome> {
  const source = { container: containers.datasets, name: `${blob.dataset}/${blob.file}` };
  const refused = refusedTriggerName(ctx, source);
  if (refused !== undefined) return { status: 'refused', reason: refused };
  try {
    if (!DATASET_NAME.test(blob.dataset)) {
      throw userError('invalid_dataset_name', `'${blob.dataset}' is not a valid dataset name`, {
        details: [{ path: 'dataset', message: DATASET_NAME_RULE }],
        hint: 'Put the file under a folder named like bank-marketing/.',
      });
    }
    if (blob.file === CONFIG_FILE) {
      const text = (await ctx.store.readBuffer(source.container, source.name))?.value.toString('utf8');
      if (text !== undefined) parseAutomlConfig(text);
      return { status: 'config-checked' };
    }
    return await register(ctx, blob, source, opts);
  } catch (err) {
    if (!isAppError(err) || !err.userFixable) throw err;
    await quarantine(ctx.store, ctx.telemetry, source, err, ctx.now());
    return { status: 'quarantined', code: err.code };
  }
}

async function register(
  ctx: AppContext,
  blob: { readonly dataset: string; readonly file: string },
  source: { readonly container: string; readonly name: string },
  opts: DropOptions,
): Promise<DropOutcome> {
  const config = (await ctx.store.readBuffer(source.container, `${blob.dataset}/${CONFIG_FILE}`))?.value.toString(
    'utf8',
  );
  const opened = await ctx.store.openRead(source.container, source.name);
  if (opened.size > opts.sizeLimitBytes) {
    opened.stream.destroy();
    throw userError('file_too_large', `the file is ${opened.size} bytes, over the ${opts.sizeLimitBytes}-byte limit`, {
      hint: 'Split the file, or raise the limit.',
    });
  }
  const analysis = await analyzeCsv(opened.stream, {
    ...(config === undefined ? {} : { config }),
    sizeLimitBytes: opts.sizeLimitBytes,
    // A large drop takes a while: about ten progress events, none for a file under 16 MB.
    progressEveryBytes: Math.max(PROGRESS_MIN_BYTES, Math.ceil(opened.size / 10)),
    onProgress: ({ bytes, rows }) =>
      ctx.telemetry.event('DatasetReadProgress', { ...blob, bytes, totalBytes: opened.size, rows }),
  });
  const previous = await ctx.datasets.latestReady(blob.dataset);
  const previousProfile =
    previous === undefined
      ? undefined
      : ((await ctx.datasets.readDocument(blob.dataset, previous.version, 'profile.json')) as
          | DatasetProfile
          | undefined);
  const result = await ctx.datasets.register(
    {
      dataset: blob.dataset,
      sha256: analysis.sha256,
      source: { ...source, etag: opened.etag },
      summary: summaryOf(analysis),
      documents: {
        'schema.json': { dialect: analysis.dialect, columns: analysis.schema },
        'profile.json': analysis.profile,
        'guardrails.json': analysis.guardrails,
        'target.json': analysis.target,
        'drift.json': previousProfile === undefined ? null : compareProfiles(previousProfile, analysis.profile),
      },
    },
    ctx.now,
  );
  if (result.status === 'duplicate') {
    ctx.telemetry.event('DatasetDuplicate', { dataset: blob.dataset, version: result.version });
    return result;
  }
  const version = result.version.version;
  ctx.telemetry.event('DatasetRegistered', { dataset: blob.dataset, version, rows: analysis.profile.rows });
  let runId: string | undefined;
  if (analysis.config.autoTrain) {
    const started = await startRun(ctx, {
      runId: runIds.forDrop(blob.dataset, version),
      dataset: blob.dataset,
      version,
      trigger: 'blob',
      budgetSeconds: analysis.config.budgetSeconds ?? opts.budgetSeconds,
      ...(analysis.config.primaryMetric === undefined ? {} : { primaryMetric: analysis.config.primaryMetric }),
      exclusive: false,
    });
    if (started.started) runId = started.run.runId;
  }
  await ctx.datasets.claim(blob.dataset, analysis.sha256, version, ctx.now);
  return { status: 'registered', version, ...(runId === undefined ? {} : { runId }) };
}

function summaryOf(a: DatasetAnalysis) {
  return {
    rows: a.profile.rows,
    columns: a.schema.length,
    target: a.target.name,
    task: a.task,
    guardrails: a.guardrails.map((g) => ({ ...g })),
    config: { ...a.config },
    drop: a.drop,
  };
}
