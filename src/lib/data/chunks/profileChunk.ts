import type { Dialect } from '../csv/dialect';
import { type RaggedRecord, RecordReader } from '../csv/recordReader';
import { Utf8Pieces } from '../csv/source';
import { type ChunkHints, DatasetProfiler, type DatasetProfilerState } from '../profile/datasetProfiler';

/** A run of whole records of a CSV, as bytes, to profile on its own (on a worker thread, or not). */
export interface ChunkJob {
  /** Its place in the file: chunk profiles are merged in this order. */
  readonly index: number;
  /** The bytes are `buffer`'s first `length` (shared memory: a worker reads them where they are). */
  readonly buffer: SharedArrayBuffer;
  readonly length: number;
  readonly dialect: Dialect;
  /** Records before the chunk, when known (0 otherwise: the caller shifts the numbers). */
  readonly firstRecord: number;
  /** What the merged profile will not need of this chunk. */
  readonly hints: ChunkHints;
}

export interface ChunkProfile {
  readonly rows: number;
  /** Records read (data, header and ragged; blank lines are not records). */
  readonly records: number;
  readonly rejected: number;
  /** The first few ragged records, numbered from the job's `firstRecord`. */
  readonly examples: readonly RaggedRecord[];
  readonly state: DatasetProfilerState;
}

/**
 * Decodes, reads and profiles one chunk: what `readCsv` and `DatasetProfiler` do for a whole file. The first
 * chunk starts the file (a BOM is dropped, the header is read); every chunk ends where a record does.
 * Errors are those of reading a whole file, with row numbers counted from `firstRecord`.
 */
export function profileChunk(job: ChunkJob): ChunkProfile {
  const first = job.index === 0;
  const profiler = new DatasetProfiler(job.hints);
  profiler.start(job.dialect);
  const reader = new RecordReader(job.dialect, profiler, {
    firstRecord: job.firstRecord,
    header: first && job.dialect.header,
  });
  const text = new Utf8Pieces(undefined, first);
  for (const piece of text.decode(new Uint8Array(job.buffer, 0, job.length))) reader.push(piece);
  reader.push(text.end());
  reader.end();
  return {
    rows: reader.rows,
    records: reader.record - job.firstRecord,
    rejected: reader.rejected,
    examples: reader.examples,
    state: profiler.state(),
  };
}
