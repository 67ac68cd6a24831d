import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type ByteStats, textChunks } from '../../../../src/lib/data/csv/source';
import { isAppError } from '../../../../src/lib/errors';

async function decode(parts: readonly Uint8Array[], pieceBytes?: number) {
  const stats: ByteStats = { bytes: 0, bom: false, sha256: '' };
  const texts: string[] = [];
  for await (const t of textChunks(Readable.from(parts), stats, undefined, pieceBytes)) texts.push(t);
  return { texts, stats };
}

function split(bytes: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return parts;
}

async function failure(parts: readonly Uint8Array[]) {
  const err = await decode(parts).catch((e: unknown) => e);
  return isAppError(err) ? { code: err.code, message: err.message } : err;
}

describe('textChunks', () => {
  // 2-, 3- and 4-byte characters, so every chunk size cuts some of them.
  const text = '\ufeffname,city\nZoë,Malmö\n東京,🙂\n'.repeat(40);
  const bytes = Buffer.from(text);

  it.each([1, 2, 3, 5, 7, 64, 1 << 20])(
    'rejoins characters cut by %i-byte chunks; hashes the raw bytes',
    async (size) => {
      const { texts, stats } = await decode(split(bytes, size));
      expect(texts.join('')).toBe(text.slice(1));
      expect(stats).toEqual({
        bytes: bytes.length,
        bom: true,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    },
  );

  it('decodes in pieces of at most pieceBytes, characters cut by a piece included', async () => {
    const { texts } = await decode([bytes], 10);
    expect(texts.join('')).toBe(text.slice(1));
    expect(Math.max(...texts.map((t) => Buffer.byteLength(t)))).toBeLessThanOrEqual(10 + 3);
    expect(texts.length).toBeGreaterThan(bytes.length / 10);
  });

  it.each([
    ['a lone continuation byte', [Buffer.from([0x61, 0x80, 0x62])]],
    ['an overlong encoding', [Buffer.from([0x61, 0xc0, 0xaf])]],
    ['a Latin-1 byte before ASCII', [Buffer.from('caf'), Buffer.from([0xe9, 0x2c, 0x31])]],
    ['a character cut off at the end of the file', [Buffer.from('a,b\n'), Buffer.from([0xe6, 0x9d])]],
    ['a cut character continued by ASCII', [Buffer.from([0x61, 0xe6]), Buffer.from([0x9d, 0x41])]],
  ])('rejects %s as not UTF-8', async (_, parts) => {
    expect(await failure(parts)).toEqual({
      code: 'binary_file',
      message: 'The file is not UTF-8 text: it holds byte sequences that are not valid UTF-8.',
    });
  });

  it('rejects NUL bytes as binary data', async () => {
    expect(await failure([Buffer.from('a,b\n1,'), Buffer.from([0, 0x32])])).toMatchObject({ code: 'binary_file' });
  });
});
