import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/lib/messaging/parse';
import { queues } from '../../../src/lib/messaging/queues';
import { deployStage } from '../../../src/lib/pipeline/deployStage';
import { registerDrop } from '../../../src/lib/pipeline/registerDrop';
import { startRun } from '../../../src/lib/pipeline/startRun';
import { trainStage } from '../../../src/lib/pipeline/trainStage';
import { usePipelineHarness } from '../../support/pipelineHarness';

const h = usePipelineHarness();
const bank = readFileSync(join(__dirname, '../../../data/bankmarketing_train.csv'), 'utf8').split('\n');
/** The first 3,000 rows keep a 2-second AutoML run meaningful. */
const smallBank = bank.slice(0, 3001).join('\n');
const dropOptions = { budgetSeconds: 2, sizeLimitBytes: 1e9 };
const trainOptions = (deliveryCount = 1) => ({
  maxBudgetSeconds: 2,
  deliveryCount,
  maxDeliveryCount: 10,
  codeVersion: 'test',
  defaults: { budgetSeconds: 2, primaryMetrics: { classification: 'AUC_weighted', regression: 'r2_score' } },
});

async function receiveOne(queue: 'automl-train' | 'automl-deploy') {
  const receiver = h.serviceBus.createReceiver(queue);
  try {
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
    if (message === undefined) throw new Error(`no message on ${queue}`);
    await receiver.completeMessage(message);
    return message;
  } finally {
    await receiver.close();
  }
}

describe('pipeline stages on Azurite and the local Service Bus', { timeout: 180_000 }, () => {
  it('drop → register → train → deploy, each idempotent under redelivery', async () => {
    await h.ctx.store.writeText('datasets', 'bank/small.csv', smallBank, 'text/csv');
    const drop = await registerDrop(h.ctx, { dataset: 'bank', file: 'small.csv' }, dropOptions);
    expect(drop).toMatchObject({ status: 'registered', version: 1, runId: 'bank-v1-drop' });
    expect(await registerDrop(h.ctx, { dataset: 'bank', file: 'small.csv' }, dropOptions)).toEqual({
      status: 'duplicate',
      version: 1,
    });

    const trainMessage = await receiveOne(queues.train);
    expect(trainMessage.messageId).toBe('bank-v1-drop');
    expect(String(trainMessage.applicationProperties?.['traceparent'])).toMatch(/^00-[0-9a-f]{32}-/);
    const train = parseMessage(queues.train, trainMessage.body);
    expect(await trainStage(h.ctx, train, trainOptions())).toBe('trained');
    // Redelivery of the same message after success: nothing new, the deploy message is re-sent (same id).
    expect(await trainStage(h.ctx, train, trainOptions(2))).toBe('already-done');
    expect((await h.ctx.models.versions('bank')).map((m) => m.version)).toEqual([1]);

    const deployMessage = await receiveOne(queues.deploy);
    // The redelivered train message published the deploy message again, under the same message id.
    expect((await receiveOne(queues.deploy)).messageId).toBe(deployMessage.messageId);
    const deploy = parseMessage(queues.deploy, deployMessage.body);
    expect(deploy).toMatchObject({ runId: 'bank-v1-drop', modelVersion: 1 });
    const event = await deployStage(h.ctx, deploy, { minImprovement: 0, deliveryCount: 1, maxDeliveryCount: 10 });
    expect(event).toMatchObject({ action: 'promoted', modelVersion: 1 });
    expect(await deployStage(h.ctx, deploy, { minImprovement: 0, deliveryCount: 2, maxDeliveryCount: 10 })).toBe(
      undefined,
    );

    const run = await h.ctx.runs.get('bank-v1-drop');
    expect(run).toMatchObject({ status: 'succeeded', modelVersion: 1, stages: { train: { status: 'succeeded' } } });
    expect(run?.trials.length).toBeGreaterThan(0);
    expect(await h.ctx.runs.activeRunId('bank')).toBeUndefined();
    const pointer = (await h.ctx.deployments.get('bank'))?.value;
    expect(pointer?.modelVersion).toBe(1);
    expect(pointer?.history).toHaveLength(1);
    expect(h.events.map((e) => e['name'])).toEqual(
      expect.arrayContaining(['DatasetRegistered', 'RunStarted', 'TrialCompleted', 'ModelRegistered', 'ModelDeployed']),
    );
  });

  it('a crash after the model was registered resumes to that same model version', async () => {
    const started = await startRun(h.ctx, {
      runId: 'bank-crash0001',
      dataset: 'bank',
      trigger: 'http',
      budgetSeconds: 2,
      primaryMetric: 'AUC_weighted',
      exclusive: true,
    });
    expect(started.started).toBe(true);
    const message = parseMessage(queues.train, (await receiveOne(queues.train)).body);
    const before = await h.ctx.models.versions('bank');
    // The first attempt got as far as reserving its model version, then the host died.
    const { schema: _s, version: _v, status: _st, createdAt: _c, ...manifest } = before[0]!;
    await h.ctx.models.register({ manifest: { ...manifest, runId: 'bank-crash0001' }, files: {} });
    await h.ctx.runs.update('bank-crash0001', (r) => ({ ...r, status: 'running' }));
    expect(await trainStage(h.ctx, message, trainOptions(2))).toBe('trained');
    const after = await h.ctx.models.versions('bank');
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((m) => m.runId === 'bank-crash0001')).toHaveLength(1);
    expect(await h.ctx.models.readFile('bank', after.at(-1)!.version, 'artifact.json')).toMatch(/"formatVersion"/);
    const deploy = parseMessage(queues.deploy, (await receiveOne(queues.deploy)).body);
    const event = await deployStage(h.ctx, deploy, { minImprovement: 0, deliveryCount: 1, maxDeliveryCount: 10 });
    // Champion and challenger met on the challenger's holdout; both scores are on record, the challenger's as
    // the train stage measured it.
    expect(event?.challengerScore).toBe(after.at(-1)!.validation['holdout_AUC_weighted']);
    expect(event?.challengerScore).toBeGreaterThan(0.5);
    expect(event?.championScore).toBeGreaterThan(0.5);
    expect((await h.ctx.runs.get('bank-crash0001'))?.status).toBe('succeeded');
  });

  it('a second run of an active dataset is refused, and a user-fixable error fails the run without retries', async () => {
    const first = await startRun(h.ctx, {
      runId: 'bank-badmetric',
      dataset: 'bank',
      trigger: 'http',
      budgetSeconds: 2,
      exclusive: true,
    });
    expect(first.started).toBe(true);
    const second = await startRun(h.ctx, {
      runId: 'bank-second01',
      dataset: 'bank',
      trigger: 'http',
      budgetSeconds: 2,
      primaryMetric: 'AUC_weighted',
      exclusive: true,
    });
    expect(second).toEqual({ started: false, activeRunId: 'bank-badmetric' });
    // A message published by hand with a metric no task knows: the user can fix it, so no retries.
    const queued = parseMessage(queues.train, (await receiveOne(queues.train)).body);
    const message = { ...queued, overrides: { ...queued.overrides, primaryMetric: 'no_such_metric' } };
    expect(await trainStage(h.ctx, message, trainOptions())).toBe('failed');
    const run = await h.ctx.runs.get('bank-badmetric');
    expect(run).toMatchObject({ status: 'failed', error: { userFixable: true } });
    expect(await h.ctx.runs.activeRunId('bank')).toBeUndefined();
  });

  it('a regression dataset trains with the regression default metric; only an explicit metric can be refused', async () => {
    await h.ctx.store.writeText(
      'datasets',
      'ages/automl.json',
      '{"target": "age", "task": "regression"}',
      'application/json',
    );
    await h.ctx.store.writeText('datasets', 'ages/small.csv', smallBank, 'text/csv');
    expect(await registerDrop(h.ctx, { dataset: 'ages', file: 'small.csv' }, dropOptions)).toMatchObject({
      status: 'registered',
      runId: 'ages-v1-drop',
    });
    const message = parseMessage(queues.train, (await receiveOne(queues.train)).body);
    expect(await trainStage(h.ctx, message, trainOptions())).toBe('trained');
    const [model] = await h.ctx.models.versions('ages');
    expect(model).toMatchObject({ task: 'regression', primaryMetric: 'r2_score' });
    expect((await h.ctx.runs.get('ages-v1-drop'))?.settings.primaryMetric).toBe('r2_score');
    await receiveOne(queues.deploy);
    const refused = startRun(h.ctx, {
      runId: 'ages-aucrun01',
      dataset: 'ages',
      trigger: 'http',
      budgetSeconds: 2,
      primaryMetric: 'AUC_weighted',
      exclusive: false,
    });
    await expect(refused).rejects.toMatchObject({ code: 'invalid_metric', status: 400 });
    expect(await h.ctx.runs.get('ages-aucrun01')).toBeUndefined();
  });

  it('quarantines a bad drop with an error report and leaves no registry entry', async () => {
    await h.ctx.store.writeText('datasets', 'junk/data.csv', 'a,b\n1,2\n', 'text/csv');
    const outcome = await registerDrop(h.ctx, { dataset: 'junk', file: 'data.csv' }, dropOptions);
    expect(outcome.status).toBe('quarantined');
    const report = await h.ctx.store.readBuffer('quarantine', 'junk/data.csv.error.json');
    expect(JSON.parse(report!.value.toString())).toMatchObject({
      schema: 'quarantine-report/v1',
      source: 'datasets/junk/data.csv',
    });
    expect(await h.ctx.store.exists('quarantine', 'junk/data.csv')).toBe(true);
    expect(await h.ctx.store.exists('datasets', 'junk/data.csv')).toBe(false);
    expect(await h.ctx.datasets.versions('junk')).toEqual([]);
  });
});
