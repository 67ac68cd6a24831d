/**
 * CSV injection (OWASP): a spreadsheet runs a cell that begins with = + - @ tab or carriage return as a
 * formula. Every cell the app writes into a CSV passes here, so a text cell from an input file, a class label
 * or a column name opens as text. Numbers keep their sign: they open as the same number either way.
 */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const EQUALS = 61;
const PLUS = 43;
const MINUS = 45;
const AT = 64;
const TAB = 9;
const CR = 13;

/** The cell with a leading `'` when a spreadsheet would read it as a formula; unchanged otherwise. */
export function neutralise(value: string): string {
  const first = value.charCodeAt(0);
  if (first === EQUALS || first === AT || first === TAB || first === CR) return `'${value}`;
  if ((first === PLUS || first === MINUS) && !NUMBER.test(value)) return `'${value}`;
  return value;
}

/**
 * Whether a raw comma/double-quote record may hold a field that `neutralise` changes: some field (quoted or
 * not) starts with a trigger that is not the sign of a number. One regex pass, so echoing safe records stays
 * cheap; a comma inside quotes may give a false alarm, which only costs rewriting that record from its fields.
 */
const RISKY_FIELD = /(?:^|,)"?(?:[=@\t\r]|[+-](?!(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"?(?:,|$)))/;

export function mayStartFormula(line: string): boolean {
  return RISKY_FIELD.test(line);
}
