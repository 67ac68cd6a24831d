/**
 * Finds record boundaries and counts fields, honouring quotes, without extracting values (udsv does that).
 * It exists because udsv assumes every row has the header's width: a short row makes it read on into the
 * next line and a long one glues its extra fields onto the last value, silently. Scanning first lets ragged
 * rows be dropped and counted, and only well-formed records reach the parser.
 */
/**
 * One record: offsets in the scanned text (`end` excludes the LF or CRLF), its field count, and the offset of
 * the delimiter that ends field number `width` when the record has more fields (else -1). Plain arguments,
 * not an object: this runs once per row of multi-gigabyte files. `unclosed`: the file ended inside a quote.
 */
export type OnRecord = (start: number, end: number, fields: number, cut: number, unclosed?: boolean) => unknown;

const LF = 10;
const CR = 13;

export class RecordScanner {
  private readonly delimiter: number;
  private readonly quote: number;

  constructor(
    delimiter: string,
    quote: string,
    /** Expected fields per record; records with more report where field `width` ends. */
    private readonly width: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.quote = quote === '' ? -1 : quote.charCodeAt(0);
  }

  /**
   * Calls `onRecord` for each complete non-empty record of `text` and returns where the unfinished tail
   * starts (the caller prepends it to the next chunk). With `final`, the tail is a record too.
   * Returning false from `onRecord` stops the scan there.
   */
  scan(text: string, final: boolean, onRecord: OnRecord): number {
    const { delimiter, quote, width } = this;
    const delimiterChar = String.fromCharCode(delimiter);
    const n = text.length;
    let start = 0;
    // Records without a quote (nearly all) are counted with native indexOf jumps; others char by char.
    let nextQuote = quote < 0 ? -1 : text.indexOf(String.fromCharCode(quote));
    while (start < n) {
      const lf = text.indexOf('\n', start);
      if (nextQuote !== -1 && (nextQuote < lf || lf === -1)) {
        const next = this.quoted(text, start, final, onRecord);
        if (next < 0) return start;
        if (next === n + 1) return n + 1;
        start = next;
        nextQuote = text.indexOf(String.fromCharCode(quote), start);
        continue;
      }
      if (lf === -1 && !final) return start;
      const stop = lf === -1 ? n : lf;
      let fields = 1;
      let cut = -1;
      for (let d = text.indexOf(delimiterChar, start); d !== -1 && d < stop; d = text.indexOf(delimiterChar, d + 1)) {
        if (fields === width) cut = d;
        fields++;
      }
      const end = stop > start && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
      if (end > start && onRecord(start, end, fields, cut) === false) return stop + 1;
      start = stop + 1;
    }
    return Math.min(start, n);
  }

  /**
   * Scans one record holding a quote from `start`, character by character. Returns where the next record
   * starts, -1 when the record is unfinished (not `final`), or n + 1 when `onRecord` asked to stop.
   */
  private quoted(text: string, start: number, final: boolean, onRecord: OnRecord): number {
    const { delimiter, quote, width } = this;
    const n = text.length;
    let fields = 1;
    let cut = -1;
    let inQuote = false;
    // As in RFC 4180 and udsv, a quote opens a quoted field only as the field's first character (5'11" is text).
    let fieldStart = true;
    let i = start;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inQuote) {
        if (c === quote) {
          if (i + 1 < n && text.charCodeAt(i + 1) === quote) i++;
          else inQuote = false;
        }
      } else if (c === delimiter) {
        if (fields === width) cut = i;
        fields++;
        fieldStart = true;
        continue;
      } else if (c === LF) {
        break;
      } else if (c === quote && fieldStart) {
        inQuote = true;
      }
      fieldStart = false;
    }
    if (i === n && !final) return -1;
    const end = i > start && text.charCodeAt(i - 1) === CR ? i - 1 : i;
    if (end > start && onRecord(start, end, fields, cut, inQuote) === false) return n + 1;
    return i + 1;
  }
}

/** True when everything after `cut` up to `end` is delimiters: a record with trailing empty fields. */
export function onlyDelimiters(text: string, cut: number, end: number, delimiter: string): boolean {
  const d = delimiter.charCodeAt(0);
  for (let i = cut; i < end; i++) if (text.charCodeAt(i) !== d) return false;
  return true;
}
