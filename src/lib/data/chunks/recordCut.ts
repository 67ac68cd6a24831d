const LF = 10;

/**
 * Where the complete records of `bytes` end: just past the last line feed outside a quoted field, or 0 when
 * no record ends in them. `bytes` must start where a record starts. The quoting rules are the record
 * scanner's (a quote opens a field only as its first character; a doubled quote inside one is a quote), and
 * they hold on UTF-8 bytes as on text: a multi-byte character never contains an ASCII byte.
 * Quotes are found with `indexOf` jumps, so text without quotes costs one backward search.
 */
export function lastRecordEnd(bytes: Uint8Array, delimiter: string, quote: string): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const q = quote === '' ? -1 : quote.charCodeAt(0);
  const d = delimiter.charCodeAt(0);
  // Last line feed known to be outside quotes, and where the current stretch outside quotes began.
  let lastEnd = -1;
  let outsideFrom = 0;
  let at = q < 0 ? -1 : buf.indexOf(q);
  while (at !== -1) {
    const before = at === 0 ? LF : buf[at - 1]!;
    if (before !== d && before !== LF) {
      at = buf.indexOf(q, at + 1); // a quote inside an unquoted value (5'11") is text
      continue;
    }
    if (at > outsideFrom) {
      const lf = buf.lastIndexOf(LF, at - 1);
      if (lf >= outsideFrom) lastEnd = lf;
    }
    const close = closingQuote(buf, at + 1, q);
    if (close === -1) return lastEnd + 1;
    outsideFrom = close + 1;
    at = buf.indexOf(q, outsideFrom);
  }
  const lf = buf.lastIndexOf(LF);
  if (lf >= outsideFrom) lastEnd = lf;
  return lastEnd + 1;
}

/** The quote closing a field opened before `from`, or -1 when the bytes end first (or end on a quote, which a doubled quote may follow). */
function closingQuote(buf: Buffer, from: number, q: number): number {
  for (let at = buf.indexOf(q, from); at !== -1; at = buf.indexOf(q, at + 2)) {
    if (at + 1 === buf.length) return -1;
    if (buf[at + 1] !== q) return at;
  }
  return -1;
}
