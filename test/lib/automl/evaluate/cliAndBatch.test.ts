import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run as train } from '../../../../src/cli/commands/train';
import { parseArtifact } from '../../../../src/lib/automl/artifact';
import { Random } from '../../../../src/lib/automl/random';
import { createBatchJob } from '../../../../src/lib/scoring/batch/createJob';
import { resultPaths } from '../../../../src/lib/scoring/batch/paths';
import { runBatchJob } from '../../../../src/lib/scoring/batch/runBatchJob';
import { batchSummarySchema } from '../../../../src/lib/scoring/batch/summary';
import { containers } from '../../../../src/lib/storage/containers';
import { useAzuriteStore } from '../../../support/azuriteStore';
import { deployArtifact, recordingContext } from '../../scoring/batch/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'automl-evaluate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A numeric 0/1 target; `spell` writes each row's label (a test file may write '1.0', leave it out, or add '2'). */
function csv(name: string, rows: number, seed: number, spell: (label: number, i: number) => string): string {
  const rng = new Random(seed);
  const lines = ['x,city,label'];
  for (let i = 0; i < rows; i++) {
    const x = rng.normal();
    const city = ['paris', 'lyon', 'nice'][rng.int(3)]!;
    const label = x + (city === 'nice' ? 0.8 : 0) + 0.6 * rng.normal() > 0.3 ? 1 : 0;
    lines.push(`${x.toFixed(4)},${city},${spell(label, i)}`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const testSpelling = (label: number, i: number): string =>
  i % 11 === 0 ? '' : i % 13 === 0 ? 'NA' : i % 17 === 0 ? '2' : i % 3 === 0 ? `${label}.0` : String(label);

async function cliJson(argv: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await train(argv);
    const lines = out.trim().split('\n');
    return { code, json: JSON.parse(lines[lines.length - 1]!) };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('one evaluation for the CLI and batch scoring', () => {
  const azurite = useAzuriteStore();

  it('gives the same metrics and counts for the same model and file, unseen labels and missing targets included', async () => {
    const trainFile = csv('train.csv', 400, 1, (label) => String(label));
    const testFile = csv('test.csv', 300, 2, testSpelling);
    const out = join(dir, 'out');
    const base = ['--data', trainFile, '--target', 'label', '--seed', '5', '--concurrency', '1'];
    const cli = await cliJson([...base, '--max-trials', '1', '--test', testFile, '--out', out, '--json']);
    expect(cli.code).toBe(0);
    const test = cli.json['test'] as Record<string, unknown>;

    const text = readFileSync(join(out, 'artifact.json'), 'utf8');
    const artifact = parseArtifact(text);
    if (artifact.formatVersion !== 2) throw new Error('the CLI writes the current artifact format');
    expect(artifact.classes).toEqual(['0', '1']);
    const { ctx } = recordingContext(azurite.store);
    await deployArtifact(ctx, 'parity', { artifact, text, trainSchema: [] });
    await azurite.store.writeText(
      containers.scoringInputs,
      'parity/test.csv',
      readFileSync(testFile, 'utf8'),
      'text/csv',
    );
    await createBatchJob(ctx, {
      jobId: 'parity-job',
      dataset: 'parity',
      trigger: 'http',
      inputs: ['parity/test.csv'],
      options: { includeProbabilities: false },
    });
    const runOptions = { deliveryCount: 1, maxDeliveryCount: 10, chunkRows: 32, progressIntervalMs: 0 };
    expect(await runBatchJob(ctx, 'parity-job', runOptions)).toBe('succeeded');
    const summary = await azurite.store.readJson(
      containers.scoringResults,
      resultPaths.summary('parity-job'),
      batchSummarySchema,
    );
    const batch = summary!.value.metrics!;

    const { values, ...batchCounts } = batch;
    const { metrics, ...cliCounts } = test as { metrics: Record<string, number | null> };
    expect(batchCounts).toEqual(cliCounts);
    // Rows 0, 11, 13, … have no label ('' or 'NA'), rows 17, 34, … say '2'; every third one writes '1.0' or '0.0'.
    expect(batchCounts).toMatchObject({ rows: 236, missingTarget: 49, unseenLabels: 15, beyondLimit: 0 });
    expect(Object.keys(values).sort()).toEqual(Object.keys(metrics).sort());
    for (const [name, v] of Object.entries(values)) expect(v, name).toBeCloseTo(metrics[name]!, 12);
  }, 180_000);
});
