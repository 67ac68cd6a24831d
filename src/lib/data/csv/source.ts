import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { userError } from '../../errors';

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

/** How many bytes at the end of `b` begin a character that the next chunk completes (0 to 3). */
function incompleteTail(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: the character starts further back
    const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * The raw bytes of a source, checked as they pass: hashed and counted (into `stats`), held to the size limit,
 * NUL bytes rejected as binary, the BOM noted. Nothing holds the whole file.
 */
export async function* byteChunks(
  source: CsvSource,
  stats: ByteStats,
  sizeLimitBytes?: number,
): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
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
      yield chunk;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw userError('file_not_found', `No such file: ${String(source)}.`, { hint: 'Check the path.' });
    }
    throw err;
  }
  stats.sha256 = hash.digest('hex');
}

/**
 * UTF-8 bytes to text, chunk by chunk (characters split across chunks rejoined). Validity is checked with
 * simdutf (`isUtf8`) and decoding is lenient: a fatal TextDecoder is about 5 times slower. Each chunk is
 * decoded in pieces of at most `pieceBytes`: V8 strings over 128 KB live in large-object space, where joining
 * and flattening them (what a reader does with the unfinished tail of the previous chunk) is an order of
 * magnitude slower per byte. A BOM at the start is dropped unless the bytes are not the file's start.
 */
export class Utf8Pieces {
  private readonly decoder: TextDecoder;
  // The start of a character cut off at the end of the previous chunk: validated with the next one.
  private carry: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly pieceBytes = 64 * 1024,
    fileStart = true,
  ) {
    this.decoder = new TextDecoder('utf-8', { ignoreBOM: !fileStart });
  }

  *decode(chunk: Uint8Array): Generator<string> {
    const bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const whole = bytes.length - incompleteTail(bytes);
    if (!isUtf8(bytes.subarray(0, whole))) throw notUtf8();
    this.carry = Uint8Array.from(bytes.subarray(whole));
    for (let i = 0; i < whole; i += this.pieceBytes) {
      yield this.decoder.decode(bytes.subarray(i, Math.min(whole, i + this.pieceBytes)), { stream: true });
    }
  }

  /** The text still held back (possibly empty); throws when the bytes ended inside a character. */
  end(): string {
    if (this.carry.length > 0) throw notUtf8();
    return this.decoder.decode();
  }
}

/** A source as checked (`byteChunks`) UTF-8 text chunks (`Utf8Pieces`). */
export async function* textChunks(
  source: CsvSource,
  stats: ByteStats,
  sizeLimitBytes?: number,
  pieceBytes = 64 * 1024,
): AsyncGenerator<string> {
  const text = new Utf8Pieces(pieceBytes);
  for await (const chunk of byteChunks(source, stats, sizeLimitBytes)) yield* text.decode(chunk);
  yield text.end();
}

function notUtf8(): Error {
  return notText('it holds byte sequences that are not valid UTF-8');
}
