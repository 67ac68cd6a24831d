import type { RowSink } from '../csvReader';
import type { Dialect } from '../dialect';
import { type ColumnProfile, ColumnProfiler } from './columnProfiler';
import { DistinctRows } from './duplicates';
import { RowSample } from './rowSample';

export interface DatasetProfile {
  readonly rows: number;
  readonly duplicateRows: number;
  /** Counted by sampling (more than 128 K distinct rows). */
  readonly duplicatesApproximate: boolean;
  readonly columns: readonly ColumnProfile[];
}

const SAMPLE_ROWS = 20_000;

/** Streams rows into per-column profilers, counts distinct rows by hash and keeps a row sample. */
export class DatasetProfiler implements RowSink {
  private columns: ColumnProfiler[] = [];
  private rows = 0;
  private readonly distinctRows = new DistinctRows();
  readonly sample = new RowSample(SAMPLE_ROWS);

  start(dialect: Dialect): void {
    this.columns = dialect.columns.map((name) => new ColumnProfiler(name));
  }

  row(fields: string[]): void {
    this.rows++;
    const columns = this.columns;
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (let j = 0; j < columns.length; j++) {
      const column = columns[j]!;
      const at = column.add(fields[j]!);
      const hashes = column.hashes;
      // Order matters: (x, y) and (y, x) are different rows.
      a = Math.imul(a ^ hashes[at]!, 0x01000193);
      a ^= a >>> 15;
      b = Math.imul(b ^ hashes[at + 1]!, 0x5bd1e995);
      b ^= b >>> 13;
    }
    this.distinctRows.add(a, b);
    this.sample.add(fields);
  }

  finish(): DatasetProfile {
    return {
      rows: this.rows,
      duplicateRows: Math.max(0, this.rows - this.distinctRows.estimate()),
      duplicatesApproximate: this.distinctRows.approximate,
      columns: this.columns.map((c) => c.finish()),
    };
  }
}
