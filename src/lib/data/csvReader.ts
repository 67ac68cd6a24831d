import { type FieldIssue, userError } from '../errors';
import { type Dialect, sniffDialect } from './dialect';
import { parsePlainLines } from './plainLines';
import { onlyDelimiters, RecordScanner } from './recordScanner';
import { rowParser } from './rowParser';
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

export interface RowSink {
  /** Called once the dialect is known, before any row. */
  start(dialect: Dialect): void;
  /** A data row of exactly `dialect.width` raw fields. */
  row(fields: string[]): void;
}

const SAMPLE_CHARS = 64 * 1024;
// A record this long is almost always an unclosed quote swallowing the rest of the file.
const MAX_RECORD_CHARS = 16 * 1024 * 1024;
const KEPT_EXAMPLES = 5;
// "A few" ragged rows are dropped and counted; more than this share of the data rejects the file.
const MAX_REJECTED_SHARE = 0.01;
const MAX_REJECTED_ALWAYS_OK = 2;
const PROGRESS_EVERY_BYTES = 16 * 1024 * 1024;

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
  let pending = '';
  let done = false;
  while (!done && pending.length < SAMPLE_CHARS) {
    const next = await chunks.next();
    if (next.done) done = true;
    else pending += next.value;
  }
  if (pending.trim() === '') {
    throw userError('empty_file', 'The file is empty.', { hint: 'Upload a CSV with a header line and data rows.' });
  }
  const dialect = sniffDialect(pending, done, bytes.bom);
  sink.start(dialect);
  const { width, delimiter } = dialect;
  const scanner = new RecordScanner(delimiter, dialect.quote, width);
  const parse = rowParser(dialect, width);
  const parsePlain = rowParser({ ...dialect, quote: '' }, width);
  const rejected: RejectedRows = { count: 0, examples: [] };
  const crlf = dialect.lineEnding === '\r\n';
  let record = 0;
  let rows = 0;
  const progressEvery = options.progressEveryBytes ?? PROGRESS_EVERY_BYTES;
  let nextProgress = progressEvery;
  const onRow = (fields: string[]) => {
    rows++;
    sink.row(fields);
  };
  const onPlainRow = (fields: string[]) => {
    record++;
    onRow(fields);
  };

  const consume = (text: string, final: boolean): number => {
    // After the header, whole lines without any quote take the fast path.
    const end = final ? text.length : text.lastIndexOf('\n') + 1;
    const quoteAt = dialect.quote === '' ? -1 : text.indexOf(dialect.quote);
    if (record > 0 && end > 0 && (quoteAt === -1 || quoteAt >= end)) {
      const checked = parsePlainLines(
        end === text.length ? text : text.slice(0, end),
        parsePlain,
        width,
        delimiter,
        onPlainRow,
      );
      if (checked === end) return end;
      return checked + consumeRecords(text.slice(checked), final);
    }
    return consumeRecords(text, final);
  };

  const consumeRecords = (text: string, final: boolean): number => {
    let runStart = -1;
    let runEnd = -1;
    const flush = () => {
      if (runStart >= 0) parse(text.slice(runStart, runEnd), onRow);
      runStart = -1;
    };
    const tail = scanner.scan(text, final, (start, end, fields, cut, unclosed) => {
      record++;
      if (unclosed) {
        throw userError('unclosed_quote', `A quote opened in row ${record} is never closed.`, {
          details: [
            { path: `row ${record}`, message: `${dialect.quote} opens a field that runs to the end of the file` },
          ],
          hint: `Close the quoted field in row ${record}, or double the quote (${dialect.quote}${dialect.quote}) if it is part of the value.`,
        });
      }
      if (record === 1 && dialect.header) return;
      if (fields === width) {
        // udsv splits a run on the file's line ending only: a record ending otherwise is parsed on its own.
        if (end < text.length && (text.charCodeAt(end) === 13) !== crlf) {
          flush();
          parse(text.slice(start, end), onRow);
          return;
        }
        if (runStart < 0) runStart = start;
        runEnd = end;
        return;
      }
      flush();
      if (fields > width && onlyDelimiters(text, cut, end, delimiter)) {
        parse(text.slice(start, cut), onRow);
        return;
      }
      rejected.count++;
      if (rejected.examples.length < KEPT_EXAMPLES) {
        rejected.examples.push({ path: `row ${record}`, message: `expected ${width} fields, found ${fields}` });
      }
    });
    flush();
    return tail;
  };

  while (!done) {
    const next = await chunks.next();
    if (next.done) break;
    pending = pending.slice(consume(pending, false)) + next.value;
    if (bytes.bytes >= nextProgress) {
      options.onProgress?.({ bytes: bytes.bytes, rows });
      nextProgress = bytes.bytes + progressEvery;
    }
    if (pending.length > MAX_RECORD_CHARS) {
      throw userError('record_too_large', `A record starting after row ${record} is longer than 16 MB.`, {
        details: [{ path: `row ${record + 1}`, message: 'record never ends (unclosed quote?)' }],
        hint: `Check the quoting near row ${record + 1}: a field that opens with ${dialect.quote} must close with it.`,
      });
    }
  }
  consume(pending, true);
  checkRows(rows, rejected, dialect);
  return { dialect, rows, rejected, bytes };
}

function checkRows(rows: number, rejected: RejectedRows, dialect: Dialect): void {
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
}
