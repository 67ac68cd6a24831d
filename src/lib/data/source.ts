import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { userError } from '../errors';

/** Where CSV bytes come from: a file path, a Node stream, or any async iterable of byte chunks. */
export type CsvSource = string | NodeJS.ReadableStream | AsyncIterable<Uint8Array>;

/** What reading the bytes learned, filled in as the stream is consumed. */
export interface ByteStats {
  bytes: number;
  bom: boolean;
  /** Hex sha256 of the raw bytes, set once the stream has ended. */
  sha256: string;
}

function open(source: CsvSource): AsyncIterable<Uint8Array | string> {
  if (typeof source === 'string') return createReadStream(source, { highWaterMark: 1 << 20 });
  return source as AsyncIterable<Uint8Array | string>;
}

function notText(reason: string): Error {
  return userError('binary_file', `The file is not UTF-8 text: ${reason}.`, {
    details: [{ path: 'file', message: reason }],
    hint: 'Upload a CSV saved as UTF-8 text (in Excel: Save As → CSV UTF-8).',
  });
}

/**
 * Decodes a source into UTF-8 text chunks (BOM removed, characters split across chunks rejoined), hashing and
 * counting the raw bytes as they pass and enforcing the size limit, so nothing holds the whole file.
 */
export async function* textChunks(
  source: CsvSource,
  stats: ByteStats,
  sizeLimitBytes?: number,
): AsyncGenerator<string> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const head: number[] = [];
  try {
    for await (const piece of open(source)) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      hash.update(chunk);
      stats.bytes += chunk.length;
      if (sizeLimitBytes !== undefined && stats.bytes > sizeLimitBytes) {
        throw userError('file_too_large', `The file is larger than the ${sizeLimitBytes}-byte limit.`, {
          details: [{ path: 'file', message: `more than ${sizeLimitBytes} bytes` }],
          hint: 'Split the file or sample it down below the limit.',
        });
      }
      // Text never holds NUL bytes; binary files and UTF-16 text do (memchr: cheap on every chunk).
      if (chunk.includes(0)) {
        throw notText('it contains NUL bytes (binary data, or UTF-16 text)');
      }
      // The BOM may arrive split over the first chunks.
      for (let i = 0; head.length < 3 && i < chunk.length; i++) head.push(chunk[i]!);
      if (head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) stats.bom = true;
      yield decodeOrReject(decoder, chunk, true);
    }
    yield decodeOrReject(decoder, undefined, false);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw userError('file_not_found', `No such file: ${String(source)}.`, { hint: 'Check the path.' });
    }
    throw err;
  }
  stats.sha256 = hash.digest('hex');
}

function decodeOrReject(decoder: TextDecoder, chunk: Uint8Array | undefined, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    throw notText('it holds byte sequences that are not valid UTF-8');
  }
}
