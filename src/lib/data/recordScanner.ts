/**
 * Finds record boundaries and counts fields, honouring quotes, without extracting values (udsv does that).
 * It exists because udsv assumes every row has the header's width: a short row makes it read on into the
 * next line and a long one glues its extra fields onto the last value, silently. Scanning first lets ragged
 * rows be dropped and counted, and only well-formed records reach the parser.
 */
/**
 * One record: offsets in the scanned text (`end` excludes the LF or CRLF), its field count, and the offset of
 * the delimiter that ends field number `width` when the record has more fields (else -1). Plain arguments,
 * not an object: this runs once per row of multi-gigabyte files.
 */
export type OnRecord = (start: number, end: number, fields: number, cut: number) => unknown;

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
    const n = text.length;
    let start = 0;
    let fields = 1;
    let cut = -1;
    let inQuote = false;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inQuote) {
        if (c === quote) {
          if (i + 1 < n && text.charCodeAt(i + 1) === quote) i++;
          else inQuote = false;
        }
      } else if (c === quote) {
        inQuote = true;
      } else if (c === delimiter) {
        if (fields === width) cut = i;
        fields++;
      } else if (c === LF) {
        const end = i > start && text.charCodeAt(i - 1) === CR ? i - 1 : i;
        if (end > start && onRecord(start, end, fields, cut) === false) return i + 1;
        start = i + 1;
        fields = 1;
        cut = -1;
      }
    }
    if (!final) return start;
    let end = n;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    if (end > start) onRecord(start, end, fields, cut);
    return n;
  }
}

/** True when everything after `cut` up to `end` is delimiters: a record with trailing empty fields. */
export function onlyDelimiters(text: string, cut: number, end: number, delimiter: string): boolean {
  const d = delimiter.charCodeAt(0);
  for (let i = cut; i < end; i++) if (text.charCodeAt(i) !== d) return false;
  return true;
}
