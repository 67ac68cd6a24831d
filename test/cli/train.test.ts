import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/train';
import { loadArtifact } from '../../src/lib/automl/artifact';
import { Random } from '../../src/lib/automl/random';

const dir = mkdtempSync(join(tmpdir(), 'automl-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCsv(name: string, rows: number, seed: number): string {
  const rng = new Random(seed);
  const lines = ['age,city,score,label'];
  for (let i = 0; i < rows; i++) {
    const age = 20 + rng.int(50);
    const city = ['paris', 'lyon', 'nice'][rng.int(3)]!;
    const score = rng.normal();
    const z = (age - 45) / 10 + (city === 'nice' ? 1 : 0) + score + 0.5 * rng.normal();
    lines.push(`${age},${city},${score.toFixed(4)},${z > 0.5 ? 'yes' : 'no'}`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await run(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('automl train', () => {
  const train = writeCsv('train.csv', 500, 1);
  const test = writeCsv('test.csv', 300, 2);

  it('prints one JSON line with the best model, validation and test metrics, and writes the artifact', async () => {
    const out = join(dir, 'out');
    const r = await capture([
      '--data',
      train,
      '--target',
      'label',
      '--test',
      test,
      '--budget',
      '60',
      '--seed',
      '3',
      '--concurrency',
      '1',
      '--max-trials',
      '4',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    const json = JSON.parse(lines[lines.length - 1]!);
    expect(typeof json.best.learner).toBe('string');
    expect(json.validation.AUC_weighted).toBeGreaterThan(0.8);
    expect(json.test).toMatchObject({ rows: 300, missingTarget: 0, unseenLabels: 0, beyondLimit: 0 });
    expect(json.test.metrics.AUC_weighted).toBeGreaterThan(0.8);
    expect(json.test.metrics.accuracy).toBeGreaterThan(0.7);
    expect(json.leaderboard.length).toBeGreaterThanOrEqual(4);
    expect(json.elapsedSeconds).toBeGreaterThan(0);
    // Progress goes to stderr, one line per trial.
    expect(r.err.match(/trial /g)).toHaveLength(4);
    const predictor = loadArtifact(readFileSync(join(out, 'artifact.json'), 'utf8'));
    expect(predictor.classes).toEqual(['no', 'yes']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## Leaderboard');
    expect(readFileSync(join(out, 'search.svg'), 'utf8')).toMatch(/^<svg /);
    expect(readFileSync(join(out, 'leaderboard.svg'), 'utf8')).toContain('<rect');
  });

  it('fails with a one-line error on bad arguments', async () => {
    for (const argv of [
      ['--target', 'label'],
      ['--data', train, '--target', 'label', '--budget', 'soon'],
      ['--data', train, '--target', 'label', '--seed', '-1'],
      ['--data', train, '--target', 'label', '--bogus'],
    ]) {
      const r = await capture(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^automl train: /);
    }
  });

  it('fails with a one-line error on an unusable file or target', async () => {
    const missing = await capture(['--data', join(dir, 'absent.csv'), '--target', 'label']);
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    const badTarget = await capture(['--data', train, '--target', 'nope', '--max-trials', '1']);
    expect(badTarget.code).toBe(1);
    expect(badTarget.err).toMatch(/nope/);
  });
});
