import { userError } from '../../errors';
import { type Dialect, sniffDialect } from './dialect';
import { readHead } from './head';
import { MAX_RECORD_CHARS } from './limits';
import { PendingText } from './pendingText';
import { onlyDelimiters, RecordScanner } from './recordScanner';
import { rowParser } from './rowParser';
import { type ByteStats, type CsvSource, textChunks } from './source';

/** A run of well-formed data records: their fields, record numbers (1 = the file's first record) and raw text. */
export interface CsvChunk {
  readonly rows: string[][];
  readonly records: number[];
  /** The records' text as read (only when the sink asks): lets output echo a row instead of re-quoting it. */
  readonly lines: string[];
  /** Records among these that are not a row of the header's width. */
  readonly rejects: { readonly record: number; readonly reason: string }[];
}

export interface ChunkSink {
  /**
   * The dialect is known, before any chunk; may throw to stop reading (missing columns). Returns whether
   * chunks should carry each record's text.
   */
  start(dialect: Dialect): boolean;
  chunk(chunk: CsvChunk): void;
}

export interface ChunkOptions {
  readonly chunkRows: number;
  /** Awaited before each further piece of input is pulled (with the bytes read so far): backpressure. */
  readonly pace?: (bytes: number) => Promise<void> | undefined;
}

export interface ChunkReadResult {
  /** Undefined for an empty file (no records at all). */
  readonly dialect: Dialect | undefined;
  readonly rows: number;
  readonly rejected: number;
  readonly bytes: number;
}

const CR = 13;

/**
 * Streams a CSV as chunks of rows for scoring: the same dialect sniffing, record scanner and udsv parser as
 * `readCsv`, but every ragged record is reported (scoring keeps a rejects file) rather than failing the file,
 * and rows arrive in bounded chunks so nothing holds the whole input.
 */
export async function readCsvChunks(
  source: CsvSource,
  sink: ChunkSink,
  options: ChunkOptions,
): Promise<ChunkReadResult> {
  const stats: ByteStats = { bytes: 0, bom: false, sha256: '' };
  const pieces = textChunks(source, stats)[Symbol.asyncIterator]();
  try {
    const { head: pending, done } = await readHead(pieces);
    if (pending.trim() === '') return { dialect: undefined, rows: 0, rejected: 0, bytes: stats.bytes };
    const dialect = sniffDialect(pending, done, stats.bom);
    const keepLines = sink.start(dialect);
    const { width, delimiter } = dialect;
    const scanner = new RecordScanner(delimiter, dialect.quote, width);
    const parse = rowParser(dialect, width);
    let current: CsvChunk = { rows: [], records: [], lines: [], rejects: [] };
    let record = 0;
    let rows = 0;
    let rejected = 0;
    const onRow = (fields: string[]) => {
      current.rows.push(fields);
    };

    const consume = (text: string, final: boolean): number => {
      let runStart = -1;
      let runEnd = -1;
      const flush = () => {
        if (runStart >= 0) parse(text.slice(runStart, runEnd), onRow);
        runStart = -1;
      };
      const good = (start: number, end: number) => {
        current.records.push(record);
        if (keepLines) current.lines.push(text.slice(start, end));
      };
      const tail = scanner.scan(text, final, (start, end, fields, cut) => {
        record++;
        if (record === 1 && dialect.header) return;
        // A blank line inside a run would reach udsv as an empty row: end the run before it.
        if (runStart >= 0 && !adjacent(text, runEnd, start)) flush();
        if (fields === width) {
          if (runStart < 0) runStart = start;
          runEnd = end;
          good(start, end);
          return;
        }
        flush();
        if (fields > width && onlyDelimiters(text, cut, end, delimiter)) {
          good(start, cut);
          parse(text.slice(start, cut), onRow);
          return;
        }
        rejected++;
        current.rejects.push({ record, reason: `expected ${width} fields, found ${fields}` });
      });
      flush();
      return tail;
    };
    const emit = (force: boolean) => {
      const size = current.rows.length + current.rejects.length;
      if (size === 0 || (!force && size < options.chunkRows)) return;
      rows += current.rows.length;
      const full = current;
      current = { rows: [], records: [], lines: [], rejects: [] };
      sink.chunk(full);
    };

    const text = new PendingText(consume, MAX_RECORD_CHARS);
    text.push(pending);
    while (!done) {
      const next = await pieces.next();
      if (next.done) break;
      const held = text.push(next.value);
      emit(false);
      if (held > MAX_RECORD_CHARS) {
        throw userError('record_too_large', `A record starting after record ${record} is longer than 16 MB.`, {
          details: [{ path: `row ${record + 1}`, message: 'record never ends (unclosed quote?)' }],
        });
      }
      const wait = options.pace?.(stats.bytes);
      if (wait !== undefined) await wait;
    }
    text.end();
    emit(true);
    return { dialect, rows, rejected, bytes: stats.bytes };
  } finally {
    // When the read stops early (a bad file, a failing sink), the source is closed now, not at GC.
    await pieces.return(undefined);
  }
}

/** The record at `start` follows the one ending at `end` after a single line break. */
function adjacent(text: string, end: number, start: number): boolean {
  return start === end + 1 || (start === end + 2 && text.charCodeAt(end) === CR);
}
