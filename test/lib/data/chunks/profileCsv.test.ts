import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { profileCsv } from '../../../../src/lib/data/chunks/profileCsv';
import { readCsv } from '../../../../src/lib/data/csv/csvReader';
import { DatasetProfiler } from '../../../../src/lib/data/profile/datasetProfiler';
import { isAppError } from '../../../../src/lib/errors';
import { BANK_TRAIN } from '../bankData';

const FIXTURES = join(__dirname, '../../../fixtures/data');
const files = readdirSync(FIXTURES).filter((f) => f !== 'manifest.json');

/** What reading a file tells, or the error it gets: in one pass (readCsv) or in chunks (profileCsv). */
type Outcome = { error: unknown } | { read: unknown; profile: unknown; sample: string[][] };

function failure(err: unknown): Outcome {
  return { error: isAppError(err) ? { code: err.code, message: err.message, details: err.details } : String(err) };
}

/** A path, or bytes given as a fresh stream each time. */
type Source = string | Buffer[];
const open = (source: Source) => (typeof source === 'string' ? source : Readable.from(source));

async function onePass(source: Source): Promise<Outcome> {
  const profiler = new DatasetProfiler();
  try {
    const read = await readCsv(open(source), profiler);
    return { read, profile: profiler.finish(), sample: profiler.sample.rows() };
  } catch (err) {
    return failure(err);
  }
}

async function chunked(source: Source, chunkBytes: number, threads = 1): Promise<Outcome> {
  try {
    const { read, profiler } = await profileCsv(open(source), { chunkBytes, threads });
    return { read, profile: profiler.finish(), sample: profiler.sample.rows() };
  } catch (err) {
    return failure(err);
  }
}

describe('profileCsv', () => {
  it.each(files)('reads and profiles %s in chunks as one pass does', async (file) => {
    const path = join(FIXTURES, file);
    const expected = await onePass(path);
    for (const chunkBytes of [7, 64, 1000, 1 << 20]) {
      expect(await chunked(path, chunkBytes), `${chunkBytes}-byte chunks`).toEqual(expected);
    }
  });

  it('numbers ragged rows and failing rows in later chunks as in the whole file', async () => {
    const lines = ['a,b,y'];
    for (let i = 0; i < 3000; i++) lines.push(i % 700 === 699 ? `${i},x` : `${i},${i % 7},${i % 2}`);
    const ragged = [Buffer.from(`${lines.join('\n')}\n`)];
    const expected = await onePass(ragged);
    expect(expected).toMatchObject({ read: { rejected: { count: 4 } } });
    expect(await chunked(ragged, 4096)).toEqual(expected);
    const unclosed = [Buffer.from(`${lines.join('\n')}\n1,"2,3\n4,5,6\n`)];
    const error = await onePass(unclosed);
    expect(error).toMatchObject({ error: { code: 'unclosed_quote' } });
    expect(await chunked(unclosed, 4096)).toEqual(error);
  });

  it('reports a record over 16 M characters after the rows before it', async () => {
    const big = [Buffer.from('a,b\n1,2\n3,'), Buffer.alloc(17 * 1024 * 1024, 'x'), Buffer.from('\n4,5\n')];
    const expected = await onePass(big);
    expect(expected).toMatchObject({ error: { code: 'record_too_large', details: [{ path: 'row 3' }] } });
    expect(await chunked(big, 1 << 20)).toEqual(expected);
    expect(await chunked(big, 40 << 20)).toEqual(expected);
  });

  it('gives the bank file the profile of one pass, whatever the chunks (the row sample aside: 32,950 rows)', async () => {
    const expected = await onePass(BANK_TRAIN);
    const { sample: _, ...rest } = expected as { sample: unknown };
    for (const chunkBytes of [100_000, 1 << 20]) {
      const { sample, ...got } = (await chunked(BANK_TRAIN, chunkBytes)) as { sample: string[][] };
      expect(got).toEqual(rest);
      expect(sample).toHaveLength(20_000);
    }
  });

  it('on worker threads, gives what it gives on this thread', async () => {
    const inline = await chunked(BANK_TRAIN, 300_000, 1);
    expect(await chunked(BANK_TRAIN, 300_000, 2)).toEqual(inline);
    const bad = join(FIXTURES, 'unclosed_quote.csv');
    const bytes = readFileSync(bad);
    expect(await chunked([bytes], 16, 2)).toEqual(await onePass(bad));
  });

  it('stops with chunks in flight on worker threads when the file goes over the size limit', async () => {
    const bytes = readFileSync(BANK_TRAIN);
    const error = await profileCsv(BANK_TRAIN, { chunkBytes: 200_000, threads: 2, sizeLimitBytes: bytes.length - 1 })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('file_too_large');
  });

  it('reports its progress every so many bytes, with the rows merged by then', async () => {
    const text = `a,b\n${Array.from({ length: 100_000 }, (_, i) => `${i},x\n`).join('')}`;
    const seen: { bytes: number; rows: number }[] = [];
    const bytes = Buffer.from(text);
    const parts = Array.from({ length: Math.ceil(bytes.length / 4096) }, (_, i) =>
      bytes.subarray(i * 4096, (i + 1) * 4096),
    );
    const { read } = await profileCsv(Readable.from(parts), {
      chunkBytes: 64 * 1024,
      threads: 1,
      progressEveryBytes: 100_000,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.bytes - seen[i - 1]!.bytes).toBeGreaterThanOrEqual(100_000);
      expect(seen[i]!.rows).toBeGreaterThanOrEqual(seen[i - 1]!.rows);
    }
    expect(seen.at(-1)!.rows).toBeGreaterThan(0);
    expect(seen.at(-1)!.rows).toBeLessThanOrEqual(read.rows);
  });
});
