import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run as train } from '../../src/cli/commands/train';
import { Random } from '../../src/lib/automl/random';
import { analyzeCsv } from '../../src/lib/data/analysis/analyze';
import { inferTask, MAX_CLASSES, MAX_INTEGER_CLASSES } from '../../src/lib/task';

const dir = mkdtempSync(join(tmpdir(), 'automl-task-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file whose target is an integer with `classes` values: a rating, not a quantity, when there are few. */
function integerTargetCsv(name: string, classes: number): string {
  const rng = new Random(classes);
  const lines = ['x,noise,rating'];
  for (let i = 0; i < 400; i++) {
    const x = rng.normal();
    const rating = Math.min(classes, Math.max(1, Math.round(((x + 2) / 4) * classes)));
    lines.push(`${x.toFixed(4)},${rng.normal().toFixed(4)},${rating}`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The task `automl train` chose for a file (from the summary it writes). */
async function cliTask(file: string): Promise<string> {
  const out = join(dir, `${file.split('/').pop()}-out`);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await train([
      '--data',
      file,
      '--target',
      'rating',
      '--max-trials',
      '1',
      '--concurrency',
      '1',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
  } finally {
    vi.restoreAllMocks();
  }
  return JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).task;
}

describe('one task rule', () => {
  it('reads few integer values as classes, many as a quantity, two of anything as binary', () => {
    expect(inferTask({ type: 'integer', distinct: 4 })).toBe('multiclass');
    expect(inferTask({ type: 'integer', distinct: MAX_INTEGER_CLASSES + 1 })).toBe('regression');
    expect(inferTask({ type: 'float', distinct: 2 })).toBe('binary');
    expect(inferTask({ type: 'float', distinct: 300 })).toBe('regression');
    expect(inferTask({ type: 'categorical', distinct: MAX_CLASSES })).toBe('multiclass');
    expect(inferTask({ type: 'categorical', distinct: MAX_CLASSES + 1 })).toBeUndefined();
    expect(inferTask({ type: 'datetime', distinct: 5 })).toBeUndefined();
  });

  // The pipeline trains with the task its registration profiled (stages.test.ts drops this kind of file too).
  it.each([
    [4, 'multiclass'],
    [30, 'regression'],
  ])('an integer target with %i values is %s for the profile and for `automl train` alike', async (classes, task) => {
    const file = integerTargetCsv(`rating${classes}.csv`, classes);
    const profiled = await analyzeCsv(file, { config: { target: 'rating' } });
    expect(profiled.target.task).toBe(task);
    expect(await cliTask(file)).toBe(task);
  });
});
