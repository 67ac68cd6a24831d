import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CsvChunk, readCsvChunks } from '../../../../src/lib/data/csv/csvChunks';

async function read(text: string | Buffer, chunkRows = 2, pieceSize = 7) {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += pieceSize) pieces.push(bytes.subarray(i, i + pieceSize));
  const chunks: CsvChunk[] = [];
  const result = await readCsvChunks(
    Readable.from(pieces),
    {
      start: () => true,
      chunk: (c) => chunks.push(c),
    },
    { chunkRows },
  );
  return { result, chunks, rejects: chunks.flatMap((c) => c.rejects.map((r) => [r.record, r.reason])) };
}

describe('readCsvChunks', () => {
  it('streams rows in bounded chunks with record numbers and raw text, reporting every ragged record', async () => {
    const { result, chunks, rejects } = await read(
      'a,b,c\r\n1,2,3\r\n4,5\r\n"x,\ny",7,8\r\n\r\n9,10,11\r\n12,13,14,15\r\n16,17,18,,\r\n',
    );
    const rows = chunks.flatMap((c) => c.rows);
    expect(rows).toEqual([
      ['1', '2', '3'],
      ['x,\ny', '7', '8'],
      ['9', '10', '11'],
      ['16', '17', '18'],
    ]);
    expect(chunks.flatMap((c) => c.records)).toEqual([2, 4, 5, 7]);
    expect(chunks.flatMap((c) => c.lines)).toEqual(['1,2,3', '"x,\ny",7,8', '9,10,11', '16,17,18']);
    expect(rejects).toEqual([
      [3, 'expected 3 fields, found 2'],
      [6, 'expected 3 fields, found 4'],
    ]);
    expect(result).toMatchObject({ rows: 4, rejected: 2 });
    expect(result.dialect?.columns).toEqual(['a', 'b', 'c']);
    for (const c of chunks) expect(c.rows.length).toBe(c.records.length);
  });

  it('keeps blank lines out of runs of rows', async () => {
    const { chunks } = await read('a,b\n1,2\n\n3,4\n\n\n5,6\n', 100, 1000);
    expect(chunks.flatMap((c) => c.rows)).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    expect(chunks.flatMap((c) => c.records)).toEqual([2, 3, 4]);
  });

  it('reads an empty file as no dialect and no rows, and refuses binary data', async () => {
    const { result, chunks } = await read('  \n');
    expect(result).toMatchObject({ dialect: undefined, rows: 0, rejected: 0 });
    expect(chunks).toEqual([]);
    await expect(read(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]))).rejects.toMatchObject({
      code: 'binary_file',
    });
  });

  it('closes its source when the sink stops the read part way', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        yield Buffer.from('a,b\n');
        for (let i = 0; i < 1000; i++) yield Buffer.from(`${i},x\n`.repeat(100));
      } finally {
        closed = true;
      }
    }
    const sink = {
      start: () => false,
      chunk: () => {
        throw new Error('sink gave up');
      },
    };
    await expect(readCsvChunks(source(), sink, { chunkRows: 10 })).rejects.toThrow('sink gave up');
    expect(closed).toBe(true);
  });
});
