import { type FieldIssue, userError } from '../../errors';
import type { Dialect } from './dialect';
import { MAX_RECORD_CHARS } from './limits';
import { PendingText } from './pendingText';
import { parsePlainLines } from './plainLines';
import { onlyDelimiters, RecordScanner } from './recordScanner';
import { rowParser } from './rowParser';
import type { RowSink } from './rowSink';

/** A record dropped for its field count: its number (counted from 1 = the file's first line) and its fields. */
export interface RaggedRecord {
  readonly record: number;
  readonly fields: number;
}

export interface RecordReaderOptions {
  /** Records before the text (0: the text starts the file). */
  readonly firstRecord?: number;
  /** Whether the text's first record is the header (the dialect's `header` unless told). */
  readonly header?: boolean;
}

/** Ragged records kept as examples. */
export const KEPT_EXAMPLES = 5;

/**
 * Turns text into rows for a sink: finds records with the scanner (ragged ones are dropped and counted), and
 * lets udsv extract the fields of runs of good records. Text is pushed in pieces of any size; a record cut
 * between pieces waits for the next one.
 */
export class RecordReader {
  /** The number of the last record read (counting from the file's first line). */
  record: number;
  rows = 0;
  rejected = 0;
  /** The first few ragged records. */
  readonly examples: RaggedRecord[] = [];
  private headerPending: boolean;
  private readonly pending = new PendingText((text, final) => this.consume(text, final), MAX_RECORD_CHARS);
  private readonly scanner: RecordScanner;
  private readonly parse: ReturnType<typeof rowParser>;
  private readonly parsePlain: ReturnType<typeof rowParser>;
  private readonly onRow = (fields: string[]) => {
    this.rows++;
    this.sink.row(fields);
  };
  private readonly onPlainRow = (fields: string[]) => {
    this.record++;
    this.onRow(fields);
  };

  constructor(
    private readonly dialect: Dialect,
    private readonly sink: RowSink,
    options: RecordReaderOptions = {},
  ) {
    this.record = options.firstRecord ?? 0;
    this.headerPending = options.header ?? dialect.header;
    this.scanner = new RecordScanner(dialect.delimiter, dialect.quote, dialect.width);
    this.parse = rowParser(dialect, dialect.width);
    this.parsePlain = rowParser({ ...dialect, quote: '' }, dialect.width);
  }

  /** Reads the records completed so far and keeps `text` for the next push. */
  push(text: string): void {
    if (this.pending.push(text) > MAX_RECORD_CHARS) throw recordTooLarge(this.record, this.dialect.quote);
  }

  /** Reads what is left: the text ended. */
  end(): void {
    this.pending.end();
  }

  /** Reads the complete records of `text` (with `final`, the tail too) and returns where the unread tail starts. */
  private consume(text: string, final: boolean): number {
    // After the header, whole lines without any quote take the fast path.
    const end = final ? text.length : text.lastIndexOf('\n') + 1;
    const { quote, width, delimiter } = this.dialect;
    const quoteAt = quote === '' ? -1 : text.indexOf(quote);
    if (!this.headerPending && end > 0 && (quoteAt === -1 || quoteAt >= end)) {
      const plain = end === text.length ? text : text.slice(0, end);
      const checked = parsePlainLines(plain, this.parsePlain, width, delimiter, this.onPlainRow);
      if (checked === end) return end;
      return checked + this.consumeRecords(text.slice(checked), final);
    }
    return this.consumeRecords(text, final);
  }

  private consumeRecords(text: string, final: boolean): number {
    const { quote, width, delimiter } = this.dialect;
    const crlf = this.dialect.lineEnding === '\r\n';
    let runStart = -1;
    let runEnd = -1;
    const flush = () => {
      if (runStart >= 0) this.parse(text.slice(runStart, runEnd), this.onRow);
      runStart = -1;
    };
    const tail = this.scanner.scan(text, final, (start, end, fields, cut, unclosed) => {
      const record = ++this.record;
      if (unclosed) {
        throw userError('unclosed_quote', `A quote opened in row ${record} is never closed.`, {
          details: [{ path: `row ${record}`, message: `${quote} opens a field that runs to the end of the file` }],
          hint: `Close the quoted field in row ${record}, or double the quote (${quote}${quote}) if it is part of the value.`,
        });
      }
      if (this.headerPending) {
        this.headerPending = false;
        return;
      }
      if (fields === width) {
        // udsv splits a run on the file's line ending only: a record ending otherwise is parsed on its own.
        if (end < text.length && (text.charCodeAt(end) === 13) !== crlf) {
          flush();
          this.parse(text.slice(start, end), this.onRow);
          return;
        }
        if (runStart < 0) runStart = start;
        runEnd = end;
        return;
      }
      flush();
      if (fields > width && onlyDelimiters(text, cut, end, delimiter)) {
        this.parse(text.slice(start, cut), this.onRow);
        return;
      }
      this.rejected++;
      if (this.examples.length < KEPT_EXAMPLES) this.examples.push({ record, fields });
    });
    flush();
    return tail;
  }
}

function recordTooLarge(record: number, quote: string): Error {
  return userError('record_too_large', `A record starting after row ${record} is longer than 16 MB.`, {
    details: [{ path: `row ${record + 1}`, message: 'record never ends (unclosed quote?)' }],
    hint: `Check the quoting near row ${record + 1}: a field that opens with ${quote} must close with it.`,
  });
}

/** How a ragged record is reported. */
export function raggedIssue(ragged: RaggedRecord, width: number): FieldIssue {
  return { path: `row ${ragged.record}`, message: `expected ${width} fields, found ${ragged.fields}` };
}
