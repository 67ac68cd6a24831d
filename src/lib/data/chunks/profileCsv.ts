import { availableParallelism } from 'node:os';
import { type CsvReadResult, checkRows, type ReadOptions, sniff } from '../csv/csvReader';
import type { Dialect } from '../csv/dialect';
import { PROGRESS_EVERY_BYTES, SAMPLE_CHARS } from '../csv/limits';
import { KEPT_EXAMPLES, type RaggedRecord } from '../csv/recordReader';
import { type ByteStats, byteChunks, type CsvSource, Utf8Pieces } from '../csv/source';
import { DatasetProfiler, SAMPLE_ROWS } from '../profile/datasetProfiler';
import { type ChunkOutcome, type ChunkRunner, inlineChunks, poolChunks } from './chunkRunner';
import { type ChunkJob, type ChunkProfile, profileChunk } from './profileChunk';
import { lastRecordEnd } from './recordCut';

export interface ProfileCsvOptions extends ReadOptions {
  /** Bytes per chunk (16 MB unless set; a file no larger is profiled in one piece, on this thread). */
  readonly chunkBytes?: number;
  /** Worker threads for a file of several chunks (the machine's cores, at most 4, unless set; 1: none). */
  readonly threads?: number;
}

export interface ProfiledCsv {
  readonly read: CsvReadResult;
  /** The whole file's profile, merged: `finish()` and `sample` are ready. */
  readonly profiler: DatasetProfiler;
}

const CHUNK_BYTES = 16 * 1024 * 1024;
// Each worker adds about 55 MB of peak RSS: with four, a read peaked at 446 MB (256 MB bench file), with two at
// 325 MB (351 MB on 1 GB). More would take a large machine's read past 512 MB.
const MAX_THREADS = 4;
// The dialect is sniffed on the first 64 K characters (as readCsv does), decoded from at most this much.
const HEAD_BYTES = 256 * 1024;
// Past this without a record end, a chunk goes as it is: reading it fails (no record is over 16 M characters).
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * Reads and profiles a CSV in chunks of whole records, on worker threads when it has several: this thread
 * reads, checks and hashes the bytes, cuts them where records end and merges the chunks' profiles in file
 * order, which gives the profile of reading it in one pass (`DatasetProfiler.absorb` says how exactly).
 * Errors are those of `readCsv`: a chunk that fails is read again here, its rows numbered in the file.
 */
export async function profileCsv(source: CsvSource, options: ProfileCsvOptions = {}): Promise<ProfiledCsv> {
  const bytes: ByteStats = { bytes: 0, bom: false, sha256: '' };
  const chunks = byteChunks(source, bytes, options.sizeLimitBytes)[Symbol.asyncIterator]();
  const reading = new ChunkedRead(bytes, options);
  try {
    return await reading.run(chunks);
  } finally {
    // When the read stops early (a bad file), the source is closed now, not at GC.
    await chunks.return(undefined);
    await reading.close();
  }
}

class ChunkedRead {
  private readonly chunkBytes: number;
  private readonly threads: number;
  private readonly progressEvery: number;
  private nextProgress: number;
  private runner: ChunkRunner | undefined;
  private readonly inFlight: { job: ChunkJob; outcome: Promise<ChunkOutcome> }[] = [];
  private readonly free: SharedArrayBuffer[] = [];
  private readonly profiler = new DatasetProfiler();
  private dialect: Dialect | undefined;
  private index = 0;
  /** Bytes sent off in chunks so far, and merged. */
  private sent = 0;
  private merged = 0;
  /** Line feeds per byte of the head: rows per byte until a chunk is merged. */
  private headRowsPerByte = 0;
  /** Bytes in the chunk being filled. */
  private used = 0;
  private records = 0;
  private rows = 0;
  private rejected = 0;
  private readonly examples: RaggedRecord[] = [];

  constructor(
    private readonly bytes: ByteStats,
    private readonly options: ProfileCsvOptions,
  ) {
    this.chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
    this.threads = options.threads ?? Math.min(MAX_THREADS, availableParallelism());
    this.progressEvery = options.progressEveryBytes ?? PROGRESS_EVERY_BYTES;
    this.nextProgress = this.progressEvery;
  }

  async run(chunks: AsyncIterator<Uint8Array>): Promise<ProfiledCsv> {
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let done = false;
    while (!done && headBytes < HEAD_BYTES) {
      const next = await chunks.next();
      if (next.done) done = true;
      else {
        head.push(next.value);
        headBytes += next.value.length;
      }
    }
    const dialect = sniffHead(head, done, this.bytes.bom);
    this.headRowsPerByte = lineFeeds(head) / Math.max(1, headBytes);
    this.dialect = dialect;
    this.profiler.start(dialect);
    let buffer = this.acquire(this.chunkBytes);
    const take = async (piece: Uint8Array) => {
      for (let at = 0; at < piece.length; ) {
        const n = Math.min(piece.length - at, buffer.length - this.used);
        buffer.set(piece.subarray(at, at + n), this.used);
        this.used += n;
        at += n;
        if (this.used === buffer.length) buffer = await this.cut(buffer);
      }
    };
    for (const piece of head) await take(piece);
    this.progress();
    while (!done) {
      const next = await chunks.next();
      if (next.done) break;
      await take(next.value);
      this.progress();
    }
    await this.dispatch(buffer, this.used, true);
    await this.drain();
    const counts = { rows: this.rows, rejected: this.rejected, examples: this.examples };
    const read = { dialect, ...checkRows(counts, dialect), bytes: this.bytes };
    return { read, profiler: this.profiler };
  }

  /** Tells the caller how far the read is, when another `progressEvery` bytes have been read. */
  private progress(): void {
    if (this.bytes.bytes < this.nextProgress) return;
    this.options.onProgress?.({ bytes: this.bytes.bytes, rows: this.rows });
    this.nextProgress = this.bytes.bytes + this.progressEvery;
  }

  /**
   * Sends the whole records of a full buffer off and returns the next buffer, holding the rest. A buffer
   * without a record end grows, up to a size that no record may reach: then it is sent as it is, and reading
   * it throws the error reading the file in one pass would.
   */
  private async cut(buffer: Uint8Array<SharedArrayBuffer>): Promise<Uint8Array<SharedArrayBuffer>> {
    const { delimiter, quote } = this.dialect!;
    const found = lastRecordEnd(buffer, delimiter, quote);
    const end = found === 0 && buffer.length >= MAX_RECORD_BYTES ? buffer.length : found;
    const rest = this.used - end;
    const next = this.acquire(end === 0 ? 2 * buffer.length : Math.max(this.chunkBytes, 2 * rest));
    next.set(buffer.subarray(end, this.used));
    if (end > 0) await this.dispatch(buffer, end, false);
    else this.free.push(buffer.buffer);
    this.used = rest;
    return next;
  }

  /**
   * A buffer of at least `bytes`: one a merged chunk left, when there is one. Chunk buffers are reused because
   * touching fresh memory costs more here than copying into it (page faults: about 4 ms a megabyte).
   */
  private acquire(bytes: number): Uint8Array<SharedArrayBuffer> {
    const at = this.free.findIndex((b) => b.byteLength >= bytes);
    const buffer = at === -1 ? new SharedArrayBuffer(bytes) : this.free.splice(at, 1)[0]!;
    return new Uint8Array(buffer, 0, bytes);
  }

  /**
   * The share of a chunk's rows its sample is offered: twice its expected share of the merged sample of
   * 20,000, given the rows per byte of the chunks merged so far (of the head's lines until one is). A chunk's
   * sample then costs about twice the rows it gives to the merged one, not a full reservoir (a join per row).
   */
  private sampleRate(length: number): number {
    const rowsPerByte = this.merged > 0 ? this.rows / this.merged : this.headRowsPerByte;
    return rowsPerByte > 0 ? Math.min(1, (2 * SAMPLE_ROWS) / ((this.sent + length) * rowsPerByte)) : 1;
  }

  private async dispatch(bytes: Uint8Array<SharedArrayBuffer>, length: number, last: boolean): Promise<void> {
    const hints = {
      sampleRate: this.sampleRate(length),
      sampleSeed: this.index,
      distinctLevel: this.profiler.distinctLevel,
    };
    this.sent += length;
    const job: ChunkJob = {
      index: this.index++,
      buffer: bytes.buffer,
      length,
      dialect: this.dialect!,
      firstRecord: 0,
      hints,
    };
    // One chunk, or one thread: no workers to start.
    if (this.runner === undefined) {
      this.runner = (job.index === 0 && last) || this.threads <= 1 ? inlineChunks : await poolChunks(this.threads);
    }
    // A chunk more than there are workers keeps them busy while the oldest is merged.
    if (this.inFlight.length > this.threads) await this.mergeOldest();
    this.inFlight.push({ job, outcome: this.runner.run(job) });
  }

  private async drain(): Promise<void> {
    while (this.inFlight.length > 0) await this.mergeOldest();
  }

  private async mergeOldest(): Promise<void> {
    const { job, outcome } = this.inFlight.shift()!;
    const done = await outcome;
    // Read again with the records before it known, a failed chunk throws what reading the file would.
    const profile: ChunkProfile =
      'profile' in done ? done.profile : profileChunk({ ...done.failed, firstRecord: this.records });
    const shift = 'profile' in done ? this.records : 0;
    for (const e of profile.examples) {
      if (this.examples.length < KEPT_EXAMPLES) this.examples.push({ record: e.record + shift, fields: e.fields });
    }
    this.records += profile.records;
    this.rows += profile.rows;
    this.rejected += profile.rejected;
    this.profiler.absorb(profile.state);
    this.merged += job.length;
    this.free.push(job.buffer);
  }

  /** Stops the workers; chunks still in flight when the read failed are dropped (their outcomes ignored). */
  async close(): Promise<void> {
    for (const { outcome } of this.inFlight.splice(0)) outcome.catch(() => undefined);
    await this.runner?.close();
  }
}

function lineFeeds(chunks: readonly Uint8Array[]): number {
  let count = 0;
  for (const chunk of chunks) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) count++;
  }
  return count;
}

/** The dialect, from the first 64 K characters of the head (decoded in 64 KB pieces, as `readCsv` does). */
function sniffHead(head: readonly Uint8Array[], done: boolean, bom: boolean): Dialect {
  const text = new Utf8Pieces();
  let sample = '';
  let complete = true;
  outer: for (const chunk of head) {
    for (const piece of text.decode(chunk)) {
      if (sample.length >= SAMPLE_CHARS) {
        complete = false;
        break outer;
      }
      sample += piece;
    }
  }
  // The whole file when it ended before the sample filled up.
  const final = complete && done && sample.length < SAMPLE_CHARS;
  if (final) sample += text.end();
  return sniff(sample, final, bom);
}
