import type { Dialect } from './dialect';

/** Where a reader sends the rows of a file. */
export interface RowSink {
  /** Called once the dialect is known, before any row. */
  start(dialect: Dialect): void;
  /** A data row of exactly `dialect.width` raw fields. */
  row(fields: string[]): void;
}
