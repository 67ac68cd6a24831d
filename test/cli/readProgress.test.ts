import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readProgress } from '../../src/cli/readProgress';

const dir = mkdtempSync(join(tmpdir(), 'read-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;

describe('readProgress', () => {
  it('writes at most a line a second, with the share of the file read and the rate', () => {
    const file = join(dir, 'data.csv');
    writeFileSync(file, Buffer.alloc(4 * MB));
    let t = 10_000;
    const lines: string[] = [];
    const report = readProgress(
      file,
      (line) => lines.push(line),
      () => t,
    );
    for (const [at, bytes, rows] of [
      [10_500, 1 * MB, 1000],
      [11_200, 2 * MB, 2000],
      [11_900, 3 * MB, 3000],
      [12_400, 4 * MB, 4800],
    ] as const) {
      t = at;
      report({ bytes, rows });
    }
    expect(lines).toEqual([
      `reading ${file}: 2 MB of 4 MB (50 %), 2,000 rows, 1,667 rows/s\n`,
      `reading ${file}: 4 MB of 4 MB (100 %), 4,800 rows, 2,000 rows/s\n`,
    ]);
  });

  it('leaves out the total when the file cannot be read (the reader reports that)', () => {
    let t = 0;
    const lines: string[] = [];
    const report = readProgress(
      join(dir, 'absent.csv'),
      (line) => lines.push(line),
      () => t,
    );
    t = 2000;
    report({ bytes: 3 * MB, rows: 10 });
    expect(lines).toEqual([`reading ${join(dir, 'absent.csv')}: 3 MB, 10 rows, 5 rows/s\n`]);
  });
});
