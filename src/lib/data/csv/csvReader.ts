import { type FieldIssue, userError } from '../../errors';
import { type Dialect, sniffDialect } from './dialect';
import { readHead } from './head';
import { PROGRESS_EVERY_BYTES } from './limits';
import { type RaggedRecord, RecordReader, raggedIssue } from './recordReader';
import type { RowSink } from './rowSink';
import { type ByteStats, type CsvSource, textChunks } from './source';

export interface ReadProgress {
  /** Bytes of the source read so far. */
  readonly bytes: number;
  /** Data rows passed to the sink so far. */
  readonly rows: number;
}

export interface ReadOptions {
  readonly sizeLimitBytes?: number;
  /** Told how far the read is, each time `progressEveryBytes` more bytes (16 MB unless set) have been read. */
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly progressEveryBytes?: number;
}

export interface RejectedRows {
  count: number;
  /** The first few, as `row N` (records counted from 1 = the file's first line) with what was wrong. */
  readonly examples: FieldIssue[];
}

export interface CsvReadResult {
  readonly dialect: Dialect;
  readonly rows: number;
  readonly rejected: RejectedRows;
  readonly bytes: ByteStats;
}

// "A few" ragged rows are dropped and counted; more than this share of the data rejects the file.
const MAX_REJECTED_SHARE = 0.01;
const MAX_REJECTED_ALWAYS_OK = 2;

/**
 * Streams a CSV into `sink` row by row: sniffs the dialect on the first 64 KB, finds records with the
 * scanner (ragged ones are dropped and counted), and lets udsv extract the fields of runs of good records.
 */
export async function readCsv(source: CsvSource, sink: RowSink, options: ReadOptions = {}): Promise<CsvReadResult> {
  const bytes: ByteStats = { bytes: 0, bom: false, sha256: '' };
  const chunks = textChunks(source, bytes, options.sizeLimitBytes)[Symbol.asyncIterator]();
  try {
    return await readChunks(chunks, bytes, sink, options);
  } finally {
    // When the read stops early (a bad file, a failing sink), the source is closed now, not at GC.
    await chunks.return(undefined);
  }
}

async function readChunks(
  chunks: AsyncIterator<string>,
  bytes: ByteStats,
  sink: RowSink,
  options: ReadOptions,
): Promise<CsvReadResult> {
  const { head, done } = await readHead(chunks);
  const dialect = sniff(head, done, bytes.bom);
  sink.start(dialect);
  const reader = new RecordReader(dialect, sink);
  reader.push(head);
  const progressEvery = options.progressEveryBytes ?? PROGRESS_EVERY_BYTES;
  let nextProgress = progressEvery;
  while (!done) {
    const next = await chunks.next();
    if (next.done) break;
    reader.push(next.value);
    if (bytes.bytes >= nextProgress) {
      options.onProgress?.({ bytes: bytes.bytes, rows: reader.rows });
      nextProgress = bytes.bytes + progressEvery;
    }
  }
  reader.end();
  return { dialect, ...checkRows(reader, dialect), bytes };
}

/** The dialect of a file from its first 64 KB (`final`: that is the whole file); an empty file is an error. */
export function sniff(head: string, final: boolean, bom: boolean): Dialect {
  if (head.trim() === '') {
    throw userError('empty_file', 'The file is empty.', { hint: 'Upload a CSV with a header line and data rows.' });
  }
  return sniffDialect(head, final, bom);
}

/** Rows and ragged records of a whole file, once read: too many ragged records, or no rows, reject it. */
export function checkRows(
  read: { readonly rows: number; readonly rejected: number; readonly examples: readonly RaggedRecord[] },
  dialect: Dialect,
): { rows: number; rejected: RejectedRows } {
  const { rows } = read;
  const rejected: RejectedRows = {
    count: read.rejected,
    examples: read.examples.map((r) => raggedIssue(r, dialect.width)),
  };
  const total = rows + rejected.count;
  if (rejected.count > MAX_REJECTED_ALWAYS_OK && rejected.count > MAX_REJECTED_SHARE * total) {
    throw userError('ragged_rows', `${rejected.count} of ${total} rows do not have ${dialect.width} fields.`, {
      details: rejected.examples,
      hint: `Every row needs ${dialect.width} fields separated by '${dialect.delimiter === '\t' ? '\\t' : dialect.delimiter}'; quote values that contain it.`,
    });
  }
  if (rows === 0) {
    throw dialect.header
      ? userError('header_only', 'The file has a header but no data rows.', {
          details: [{ path: 'row 2', message: 'no data' }],
          hint: 'Add data rows under the header.',
        })
      : userError('empty_file', 'The file has no data rows.', { hint: 'Upload a CSV with data rows.' });
  }
  return { rows, rejected };
}
