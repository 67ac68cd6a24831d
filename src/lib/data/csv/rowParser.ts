import { initParser, type Schema } from 'udsv';

export interface RowSyntax {
  readonly delimiter: string;
  readonly quote: string;
  readonly lineEnding: '\n' | '\r\n';
}

/**
 * udsv parser for records of exactly `width` fields (the scanner has checked), returning the fields as
 * strings. The schema is built by hand: udsv's own inference reads only the first line.
 */
/** `onRow` may return false to stop parsing there. */
export function rowParser(syntax: RowSyntax, width: number): (text: string, onRow: (row: string[]) => unknown) => void {
  const schema: Schema = {
    col: syntax.delimiter,
    row: syntax.lineEnding,
    encl: syntax.quote,
    esc: syntax.quote,
    trim: false,
    cols: Array.from({ length: width }, (_, i) => ({
      name: String(i),
      type: 's' as const,
      repl: { empty: undefined, null: undefined, NaN: undefined },
    })),
  };
  const parser = initParser(schema);
  return (text, onRow) => {
    parser.stringArrs(text, (row) => onRow(row) !== false);
  };
}
