/**
 * The fast path for text without a single quote character (most CSVs, most chunks): udsv parses it with its
 * unquoted path, and each row is checked against its line before it is passed on. udsv merges a short row with
 * the next line (the fields then span more than the line) and glues a long row's extra fields onto the last
 * value (a delimiter left in it); it skips blank lines (the row then does not match the line it should). The
 * first row that fails stops the fast path: the caller rescans from that line record by record.
 * Returns the offset where checked rows end (`text.length` when every line was a good row).
 */
export function parsePlainLines(
  text: string,
  parse: (text: string, onRow: (row: string[]) => boolean) => void,
  width: number,
  delimiter: string,
  onRow: (row: string[]) => void,
): number {
  let lineStart = 0;
  const last = width - 1;
  parse(text, (row) => {
    const lf = text.indexOf('\n', lineStart);
    let lineEnd = lf === -1 ? text.length : lf;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let length = last;
    for (let j = 0; j < row.length; j++) length += row[j]!.length;
    if (length !== lineEnd - lineStart || row[last]!.includes(delimiter)) return false;
    onRow(row);
    lineStart = lf === -1 ? text.length : lf + 1;
    return true;
  });
  return lineStart;
}
