import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Publisher } from '../../src/lib/messaging/publisher';
import { serviceBusClientFromSettings } from '../../src/lib/messaging/serviceBusClient';
import { createBatchJob } from '../../src/lib/scoring/batch/createJob';
import { BatchJobStore } from '../../src/lib/scoring/batch/jobStore';
import { resultPaths } from '../../src/lib/scoring/batch/paths';
import { batchSummarySchema } from '../../src/lib/scoring/batch/summary';
import { BlobStore } from '../../src/lib/storage/blobStore';
import { containers } from '../../src/lib/storage/containers';
import { type RunningAzurite, startAzurite } from '../../src/local/azurite';
import { type LocalServiceBus, startLocalServiceBus } from '../../src/local/servicebus';
import { createContainers, repoRoot } from '../../src/local/start';
import { BANK_TEST, deployArtifact, recordingContext, trainBankModel } from '../lib/scoring/batch/fixtures';
import { waitFor } from '../support/waitFor';

const WORKER = join(repoRoot, 'dist', 'src', 'functions', 'batchWorker.js');
const HOST = join(repoRoot, 'dist', 'src', 'local', 'host', 'host.js');
const COPIES = 20;

/** The offline host with the batch worker in a child process, so the test can SIGKILL it mid-job. */
function startHostProcess(env: NodeJS.ProcessEnv): ChildProcess {
  const code =
    `require(${JSON.stringify(HOST)}).startHost({ files: [${JSON.stringify(WORKER)}], appDir: ${JSON.stringify(repoRoot)}, ` +
    `port: 0, functionKey: 'k', log: () => {} }).catch((e) => { console.error(e); process.exit(1); });`;
  return spawn(process.execPath, ['-e', code], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

describe('batch job survives a SIGKILLed host', () => {
  let azurite: RunningAzurite;
  let bus: LocalServiceBus;
  let store: BlobStore;
  let env: NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    azurite = await startAzurite();
    // A short lock: the killed host's delivery comes back in seconds, not the queue's usual minute.
    bus = await startLocalServiceBus({
      queues: [{ name: 'automl-batch', lockDurationMs: 5000, maxDeliveryCount: 10 }],
    });
    await createContainers(azurite.connectionString);
    store = new BlobStore(BlobServiceClient.fromConnectionString(azurite.connectionString));
    env = { ...process.env, AzureWebJobsStorage: azurite.connectionString, ServiceBusConnection: bus.connectionString };
    await deployArtifact(recordingContext(store).ctx, 'bankmarketing', await trainBankModel());
  }, 180_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await bus?.stop();
    await azurite?.stop();
  });

  it('completes once after a restart, with no output duplicated', async () => {
    const [header, ...rows] = readFileSync(BANK_TEST, 'utf8').trimEnd().split(/\r?\n/);
    const body = `${header}\n${Array.from({ length: COPIES }, () => rows.join('\n')).join('\n')}\n`;
    for (const name of ['crash/a.csv', 'crash/b.csv'])
      await store.writeText(containers.scoringInputs, name, body, 'text/csv');
    const sb = serviceBusClientFromSettings(env);
    const publisher = new Publisher(sb);
    const ctx = { ...recordingContext(store).ctx, publisher };
    const { job } = await createBatchJob(ctx, {
      jobId: 'crash-test-job-1',
      dataset: 'bankmarketing',
      trigger: 'http',
      inputs: ['crash/'],
      options: { includeProbabilities: true },
    });
    await publisher.close();
    await sb.close();
    const jobs = new BatchJobStore(store);

    const first = startHostProcess(env);
    children.push(first);
    // Killed as soon as the first delivery has claimed the job (its document says running): a crash mid-job on
    // any machine speed, since scoring 160k rows takes far longer than this poll.
    await waitFor(
      'the job to be running',
      async () => (await jobs.get(job.jobId))?.value.status === 'running',
      120_000,
    );
    first.kill('SIGKILL');
    expect(await store.exists(containers.scoringResults, resultPaths.summary(job.jobId))).toBe(false);

    children.push(startHostProcess(env));
    const done = await waitFor(
      'the job to succeed after the restart',
      async () => {
        const j = (await jobs.get(job.jobId))?.value;
        return j?.status === 'succeeded' || j?.status === 'failed' ? j : undefined;
      },
      120_000,
    );
    expect(done.status).toBe('succeeded');
    // The killed delivery claimed attempt 1; a later one finished (a lock lost under load may add a superseded one).
    expect(done.attempt).toBeGreaterThanOrEqual(2);
    const expected = 2 * COPIES * rows.length;
    const summary = (await store.readJson(
      containers.scoringResults,
      resultPaths.summary(job.jobId),
      batchSummarySchema,
    ))!.value;
    expect(summary.rows).toEqual({ scored: expected, rejected: 0 });
    const names = (await store.list(containers.scoringResults, resultPaths.prefix(job.jobId))).map((b) => b.name);
    expect(names.sort()).toEqual(
      [
        resultPaths.histogram(job.jobId),
        resultPaths.prediction(job.jobId, 'crash/a.csv'),
        resultPaths.prediction(job.jobId, 'crash/b.csv'),
        resultPaths.rejects(job.jobId),
        resultPaths.summary(job.jobId),
        resultPaths.summaryCsv(job.jobId),
      ].sort(),
    );
    const output = (await store.readBuffer(
      containers.scoringResults,
      resultPaths.prediction(job.jobId, 'crash/a.csv'),
    ))!.value;
    let lines = 0;
    for (const byte of output) if (byte === 10) lines++;
    expect(lines).toBe(1 + COPIES * rows.length);
  });
});
