import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registryPaths } from '../../../../src/lib/registry/paths';
import { createBatchJob } from '../../../../src/lib/scoring/batch/createJob';
import { startDropJob } from '../../../../src/lib/scoring/batch/dropJob';
import { batchJobSchema } from '../../../../src/lib/scoring/batch/jobDocument';
import { BatchJobStore } from '../../../../src/lib/scoring/batch/jobStore';
import { resultPaths } from '../../../../src/lib/scoring/batch/paths';
import { runBatchJob } from '../../../../src/lib/scoring/batch/runBatchJob';
import { batchSummarySchema } from '../../../../src/lib/scoring/batch/summary';
import { containers } from '../../../../src/lib/storage/containers';
import { accountSnapshot, snapshotChanges } from '../../../support/accountSnapshot';
import { useAzuriteStore } from '../../../support/azuriteStore';
import { isAppErrorWithCode } from '../../../support/matchers';
import { rawPut } from '../../../support/rawBlobPut';
import { BANK_TEST, deployArtifact, recordingContext, trainBankModel } from './fixtures';

const DATASET = 'bank';
const IN = containers.scoringInputs;
const OUT = containers.scoringResults;
const bankLines = readFileSync(BANK_TEST, 'utf8').trimEnd().split(/\r?\n/);
const header = bankLines[0]!;
const head = (n: number) => `${bankLines.slice(0, n + 1).join('\n')}\n`;
const run = { deliveryCount: 1, maxDeliveryCount: 10, chunkRows: 64, progressIntervalMs: 0 };

describe('runBatchJob', () => {
  const azurite = useAzuriteStore();
  const setup = () => recordingContext(azurite.store);
  let jobSeq = 0;
  const newJob = async (
    inputs: string[],
    options: { includeProbabilities?: boolean; outputColumns?: string[] } = {},
  ) => {
    const { ctx } = setup();
    const jobId = `unit-job-${++jobSeq}`;
    await createBatchJob(ctx, {
      jobId,
      dataset: DATASET,
      trigger: 'http',
      inputs,
      options: { includeProbabilities: options.includeProbabilities ?? true, ...options },
    });
    return { ctx, jobId };
  };
  const text = async (name: string) => (await azurite.store.readBuffer(OUT, name))?.value.toString('utf8');
  const summaryOf = async (jobId: string) =>
    (await azurite.store.readJson(OUT, resultPaths.summary(jobId), batchSummarySchema))?.value;
  const jobOf = async (jobId: string) => (await new BatchJobStore(azurite.store).get(jobId))?.value;

  beforeAll(async () => {
    const model = await trainBankModel();
    await deployArtifact(setup().ctx, DATASET, model);
  }, 180_000);

  it('scores good rows, writes bad ones to rejects.csv with their record number, and summarises', async () => {
    const cols = header.split(',');
    const age = cols.findIndex((c) => c.replace(/"/g, '') === 'age');
    const bad = bankLines[1]!.split(',');
    bad[age] = 'abc';
    const file = `${head(100)}${bad.join(',')}\n1,2,3\n`;
    await azurite.store.writeText(IN, 'unit/rows.csv', file, 'text/csv');
    const { ctx, jobId } = await newJob(['unit/rows.csv']);
    expect(await runBatchJob(ctx, jobId, run)).toBe('succeeded');

    const summary = (await summaryOf(jobId))!;
    expect(summary.rows).toEqual({ scored: 100, rejected: 2 });
    expect(summary.classes.map((c) => c.class)).toEqual(['no', 'yes']);
    expect(summary.classes.reduce((s, c) => s + c.count, 0)).toBe(100);
    expect(summary.probability?.histogram.reduce((s, b) => s + b.count, 0)).toBe(100);
    expect(summary.metrics?.rows).toBe(100);
    expect(summary.metrics?.confusionMatrix?.matrix.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(summary.inputs).toMatchObject([{ name: 'unit/rows.csv', status: 'scored', scored: 100, rejected: 2 }]);

    const rejects = (await text(resultPaths.rejects(jobId)))!.trimEnd().split('\n');
    expect(rejects).toEqual([
      'input,row,reason',
      "unit/rows.csv,102,column age: 'abc' is not a number",
      `unit/rows.csv,103,"expected ${cols.length} fields, found 3"`,
    ]);
    const output = (await text(resultPaths.prediction(jobId, 'unit/rows.csv')))!.trimEnd().split('\n');
    expect(output).toHaveLength(101);
    expect(output[0]).toBe(`${header.replace(/"/g, '')},prediction,probability_no,probability_yes`);
    expect(output[1]!.startsWith(`${bankLines[1]},`)).toBe(true);
    const [, , pNo, pYes] = /,(no|yes),([^,]+),([^,]+)$/.exec(output[1]!)!;
    expect(Number(pNo) + Number(pYes)).toBeCloseTo(1, 12);
    expect(await text(resultPaths.histogram(jobId))).toMatch(/^<svg[^>]*>[\s\S]*<rect[\s\S]*<\/svg>\n$/);
    expect((await text(resultPaths.summaryCsv(jobId)))!.split('\n')[0]).toBe(
      'input,status,rows_scored,rows_rejected,count_no,rate_no,count_yes,rate_yes,mean_probability,reason',
    );

    const job = (await jobOf(jobId))!;
    expect(job).toMatchObject({ status: 'succeeded', attempt: 1, progress: { filesDone: 1, rowsScored: 100 } });
    expect(job.results?.summary).toBe(resultPaths.summary(jobId));
  });

  it('writes input cells that look like formulas as text, in echoed and picked outputs', async () => {
    const cols = header.split(',');
    const job = cols.findIndex((c) => c.replace(/"/g, '') === 'job');
    const hostile = ['"=HYPERLINK(""http://evil.example"",""x"")"', `"@SUM(1+1)*cmd|' /C calc'!A0"`];
    const rows = hostile.map((cell, i) => {
      const fields = bankLines[i + 1]!.split(',');
      fields[job] = cell;
      return fields.join(',');
    });
    await azurite.store.writeText(IN, 'unit/formula.csv', `${header}\n${rows.join('\n')}\n`, 'text/csv');
    for (const outputColumns of [undefined, ['job']]) {
      const { ctx, jobId } = await newJob(['unit/formula.csv'], { includeProbabilities: false, outputColumns });
      expect(await runBatchJob(ctx, jobId, run)).toBe('succeeded');
      const lines = (await text(resultPaths.prediction(jobId, 'unit/formula.csv')))!.trimEnd().split('\n');
      const cells = lines.slice(1).map((l) => (outputColumns === undefined ? l.split(',')[job] : l.split(',')[0]));
      expect(cells).toEqual([`"'=HYPERLINK(""http://evil.example""`, `'@SUM(1+1)*cmd|' /C calc'!A0`]);
      // Negative numbers of the same rows keep their sign.
      if (outputColumns === undefined) expect(lines[1]).toContain(',-2.9,');
    }
  });

  it('keeps the chosen output columns, and probabilities only when asked', async () => {
    await azurite.store.writeText(IN, 'unit/cols.csv', head(5), 'text/csv');
    const { ctx, jobId } = await newJob(['unit/cols.csv'], {
      includeProbabilities: false,
      outputColumns: ['age', 'job'],
    });
    expect(await runBatchJob(ctx, jobId, run)).toBe('succeeded');
    const lines = (await text(resultPaths.prediction(jobId, 'unit/cols.csv')))!.trimEnd().split('\n');
    expect(lines[0]).toBe('age,job,prediction');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^\d+,[^,]+,(no|yes)$/);
  });

  it('summarises an empty file as 0 rows and rejects a blob that is not CSV, scoring the rest', async () => {
    await azurite.store.writeText(IN, 'mixed/a-empty.csv', '', 'text/csv');
    await azurite.store.writeText(IN, 'mixed/b-good.csv', head(10), 'text/csv');
    await azurite.store.writeText(
      IN,
      'mixed/c-picture.png',
      '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR',
      'image/png',
    );
    await azurite.store.writeText(IN, 'mixed/d-notes.txt', 'just some words\nand more words\n', 'text/plain');
    const { ctx, jobId } = await newJob(['mixed/']);
    expect(await runBatchJob(ctx, jobId, run)).toBe('succeeded');
    const summary = (await summaryOf(jobId))!;
    expect(summary.rows).toEqual({ scored: 10, rejected: 0 });
    expect(summary.inputs).toMatchObject([
      { name: 'mixed/a-empty.csv', status: 'scored', scored: 0 },
      { name: 'mixed/b-good.csv', status: 'scored', scored: 10 },
      { name: 'mixed/c-picture.png', status: 'rejected', reason: expect.stringContaining('not UTF-8 text') },
      { name: 'mixed/d-notes.txt', status: 'rejected', reason: expect.stringContaining('not a CSV') },
    ]);
  });

  it('fails fast on missing columns, says which, and leaves no results', async () => {
    const cols = header.split(',');
    const keep = cols.filter((c) => !['age', 'job'].includes(c.replace(/"/g, '')));
    await azurite.store.writeText(IN, 'unit/narrow.csv', `${keep.join(',')}\n`, 'text/csv');
    await azurite.store.writeText(IN, 'unit/narrow2.csv', head(3), 'text/csv');
    const { ctx, jobId } = await newJob(['unit/narrow2.csv', 'unit/narrow.csv']);
    expect(await runBatchJob(ctx, jobId, run)).toBe('failed');
    const job = (await jobOf(jobId))!;
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'missing_columns', userFixable: true });
    expect(job.error?.details.map((d) => d.path)).toEqual(['column age', 'column job']);
    expect(await azurite.store.list(OUT, resultPaths.prefix(jobId))).toEqual([]);
    expect(await runBatchJob(ctx, jobId, run)).toBe('already-finished');
  });

  it('resumes after a crash between inputs: completes once, with no duplicated output', async () => {
    await azurite.store.writeText(IN, 'crash/one.csv', head(30), 'text/csv');
    await azurite.store.writeText(IN, 'crash/two.csv', head(20), 'text/csv');
    const { ctx, jobId } = await newJob(['crash/']);
    const crash = async () => {
      throw new Error('host killed');
    };
    await expect(runBatchJob(ctx, jobId, { ...run, afterInput: crash })).rejects.toThrow('host killed');
    const crashed = (await jobOf(jobId))!;
    expect(crashed).toMatchObject({ status: 'running', attempt: 1 });
    expect(await azurite.store.exists(OUT, resultPaths.summary(jobId))).toBe(false);

    expect(await runBatchJob(ctx, jobId, { ...run, deliveryCount: 2 })).toBe('succeeded');
    const summary = (await summaryOf(jobId))!;
    expect(summary.rows.scored).toBe(50);
    expect((await jobOf(jobId))!).toMatchObject({ status: 'succeeded', attempt: 2, progress: { rowsScored: 50 } });
    const names = (await azurite.store.list(OUT, resultPaths.prefix(jobId))).map((b) => b.name).sort();
    expect(names).toEqual(
      [
        resultPaths.histogram(jobId),
        resultPaths.prediction(jobId, 'crash/one.csv'),
        resultPaths.prediction(jobId, 'crash/two.csv'),
        resultPaths.rejects(jobId),
        resultPaths.summary(jobId),
        resultPaths.summaryCsv(jobId),
      ].sort(),
    );
    expect((await text(resultPaths.prediction(jobId, 'crash/one.csv')))!.trimEnd().split('\n')).toHaveLength(31);

    // A crash after summary.json but before the job document said so: the redelivery only finishes the document.
    const doc = (await new BatchJobStore(azurite.store).get(jobId))!;
    await azurite.store.updateJson(
      containers.registry,
      registryPaths.batchJob(jobId),
      batchJobSchema.parse({ ...doc.value, status: 'running' }),
      doc.etag,
    );
    const summaryEtag = (await azurite.store.list(OUT, resultPaths.summary(jobId)))[0]!.etag;
    expect(await runBatchJob(ctx, jobId, { ...run, deliveryCount: 3 })).toBe('succeeded');
    expect((await azurite.store.list(OUT, resultPaths.summary(jobId)))[0]!.etag).toBe(summaryEtag);
    expect((await jobOf(jobId))!).toMatchObject({ status: 'succeeded', attempt: 2 });
  });

  it('names a dropped file’s job by blob and ETag, so a re-fired trigger finds the same job', async () => {
    await azurite.store.writeText(IN, `${DATASET}/drop.csv`, head(5), 'text/csv');
    const { ctx, published } = setup();
    const first = await startDropJob(ctx, { dataset: DATASET, file: 'drop.csv' });
    const again = await startDropJob(ctx, { dataset: DATASET, file: 'drop.csv' });
    expect(first).toMatchObject({ status: 'queued' });
    expect(again).toEqual({ status: 'existing', jobId: (first as { jobId: string }).jobId });
    expect(published.length).toBeGreaterThanOrEqual(1);
    expect(new Set(published.map((m) => (m as { jobId: string }).jobId)).size).toBe(1);

    await azurite.store.writeText(IN, `${DATASET}/drop.csv`, head(6), 'text/csv');
    const changed = await startDropJob(ctx, { dataset: DATASET, file: 'drop.csv' });
    expect((changed as { jobId: string }).jobId).not.toBe((first as { jobId: string }).jobId);

    const orphan = await startDropJob(ctx, { dataset: 'no-model', file: 'x.csv' });
    expect(orphan).toMatchObject({ status: 'ignored' });
    await azurite.store.writeText(IN, 'no-model/x.csv', head(2), 'text/csv');
    const refused = await startDropJob(ctx, { dataset: 'no-model', file: 'x.csv' });
    expect(refused).toMatchObject({ status: 'failed' });
    const job = (await jobOf((refused as { jobId: string }).jobId))!;
    expect(job.error).toMatchObject({ code: 'no_deployment' });
  });

  it('reports a listed input whose name climbs out of scoring-inputs as rejected: not read, not followed', async () => {
    await azurite.store.ensureContainer(IN);
    // Put by a client that sends the path as written: storage names the blob `x/../../datasets/…`.
    await rawPut(azurite.store.service, IN, 'x/%2E%2E/%2E%2E/datasets/bankmarketing/bankmarketing_train.csv', head(20));
    const hostile = 'x/../../datasets/bankmarketing/bankmarketing_train.csv';
    const service = azurite.store.service;
    const listed = (await azurite.store.list(IN, 'x/')).map((b) => b.name);
    expect(listed).toEqual([hostile]);
    await azurite.store.writeText('datasets', 'bankmarketing/bankmarketing_train.csv', head(30), 'text/csv');
    await azurite.store.writeText(IN, 'x/fine.csv', head(5), 'text/csv');

    const { ctx, jobId } = await newJob(['x/']);
    const before = await accountSnapshot(service);
    expect(await runBatchJob(ctx, jobId, run)).toBe('succeeded');
    const changes = snapshotChanges(before, await accountSnapshot(service));
    expect(changes).toEqual(
      [
        `~ registry/${registryPaths.batchJob(jobId)}`,
        ...[
          resultPaths.histogram(jobId),
          resultPaths.prediction(jobId, 'x/fine.csv'),
          resultPaths.rejects(jobId),
          resultPaths.summary(jobId),
          resultPaths.summaryCsv(jobId),
        ].map((n) => `+ ${OUT}/${n}`),
      ].sort(),
    );
    const summary = (await summaryOf(jobId))!;
    expect(summary.rows.scored).toBe(5);
    expect(summary.inputs).toMatchObject([
      { name: hostile, status: 'rejected', reason: expect.stringContaining("'..'") },
      { name: 'x/fine.csv', status: 'scored', scored: 5 },
    ]);
  });

  it('refuses a requested input that climbs out of scoring-inputs with a 400 naming the reason', async () => {
    const { ctx } = setup();
    const request = (inputs: string[]) =>
      createBatchJob(ctx, {
        jobId: 'unit-job-refused',
        dataset: DATASET,
        trigger: 'http',
        inputs,
        options: { includeProbabilities: true },
      });
    for (const entry of ['../registry/', 'x/%2E%2E/%2E%2E/datasets/bankmarketing/', 'x\\..\\..\\registry']) {
      await expect(request([entry])).rejects.toSatisfy(isAppErrorWithCode('invalid_blob_name'));
    }
    expect(await new BatchJobStore(azurite.store).get('unit-job-refused')).toBeUndefined();
  });
});
