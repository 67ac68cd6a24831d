import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../src/lib/data/csv/csvReader';
import { isAppError } from '../../../../src/lib/errors';

async function rows(text: string, chunk = 5) {
  const out: string[][] = [];
  const parts: Buffer[] = [];
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const result = await readCsv(Readable.from(parts), { start() {}, row: (r) => out.push(r) });
  return { out, result };
}

function split(bytes: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return parts;
}

describe('readCsv', () => {
  it.each([
    ['small chunks', 5],
    ['one chunk', 1 << 20],
  ])(
    'drops ragged rows (counting them, with row numbers) instead of letting them merge into neighbours (%s)',
    async (_, chunk) => {
      // Row numbers count records from the header (row 1); the blank line is not a record.
      const line = (i: number) => (i === 100 ? '7,8\n' : i === 150 ? '\n' : i === 200 ? '1,2,3,4\n' : `${i},x,y\n`);
      const body = Array.from({ length: 301 }, (_, i) => line(i)).join('');
      const { out, result } = await rows(`a,b,c\n${body}`, chunk);
      expect(out).toHaveLength(298);
      expect(out.every((r) => r.length === 3 && !r.join('').includes('\n'))).toBe(true);
      expect(result.rejected).toEqual({
        count: 2,
        examples: [
          { path: 'row 102', message: 'expected 3 fields, found 2' },
          { path: 'row 201', message: 'expected 3 fields, found 4' },
        ],
      });
    },
  );

  it('splits multi-byte characters across chunks correctly', async () => {
    const { out } = await rows('name,city\nZoë,Malmö\nJosé,Kraków\n', 3);
    expect(out).toEqual([
      ['Zoë', 'Malmö'],
      ['José', 'Kraków'],
    ]);
  });

  it('reads a file without a final newline and strips trailing empty fields', async () => {
    const { out } = await rows('a,b\n1,2,\n3,4');
    expect(out).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('rejects a file over the size limit while streaming', async () => {
    const err = await readCsv(
      Readable.from([Buffer.from('a,b\n'.repeat(100))]),
      { start() {}, row() {} },
      { sizeLimitBytes: 10 },
    ).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('file_too_large');
  });

  it('closes its source when reading stops part way', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from('a,b,c\n');
        for (let i = 0; i < 1000; i++) yield Buffer.from(`${i},x\n`.repeat(100));
      } finally {
        closed = true;
      }
    }
    const sink = {
      start() {},
      row(fields: string[]) {
        if (fields[0] === '500') throw new Error('sink gave up');
      },
    };
    await expect(readCsv(source(), sink)).rejects.toThrow('sink gave up');
    expect(closed).toBe(true);
  });

  it('reports its progress every so many bytes, with the rows read by then', async () => {
    const text = `a,b\n${Array.from({ length: 50_000 }, (_, i) => `${i},x\n`).join('')}`;
    const parts = split(Buffer.from(text), 4096);
    const seen: { bytes: number; rows: number }[] = [];
    const result = await readCsv(
      Readable.from(parts),
      { start() {}, row() {} },
      {
        onProgress: (p) => seen.push(p),
        progressEveryBytes: 50_000,
      },
    );
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.length).toBeLessThanOrEqual(Math.floor(text.length / 50_000));
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.bytes - seen[i - 1]!.bytes).toBeGreaterThanOrEqual(50_000);
      expect(seen[i]!.rows).toBeGreaterThan(seen[i - 1]!.rows);
    }
    expect(seen.at(-1)!.rows).toBeLessThanOrEqual(result.rows);
  });
});
