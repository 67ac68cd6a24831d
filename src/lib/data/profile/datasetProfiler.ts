import type { Dialect } from '../csv/dialect';
import type { RowSink } from '../csv/rowSink';
import { type ColumnProfile, ColumnProfiler, type ColumnProfilerState } from './columnProfiler';
import { DistinctRows, type DistinctRowsState } from './duplicates';
import { RowSample, type RowSampleState } from './rowSample';

export interface DatasetProfile {
  readonly rows: number;
  readonly duplicateRows: number;
  /** Counted by sampling (more than 128 K distinct rows). */
  readonly duplicatesApproximate: boolean;
  readonly columns: readonly ColumnProfile[];
}

/**
 * Everything `DatasetProfiler.absorb` needs of the rows a profiler saw. Plain data only (strings, numbers,
 * booleans, arrays, typed arrays, plain objects): survives structuredClone / postMessage.
 */
export interface DatasetProfilerState {
  readonly rows: number;
  readonly distinctRows: DistinctRowsState;
  readonly sample: RowSampleState;
  readonly columns: readonly ColumnProfilerState[];
}

/** Rows in the profile's sample. */
export const SAMPLE_ROWS = 20_000;

/** How a profiler of one chunk of a file may skip work its merged profile will not need. */
export interface ChunkHints {
  /** The share of rows the sample is offered (1 unless set): about twice the chunk's likely share of the merged sample. */
  readonly sampleRate?: number;
  /** Varies the sample by chunk. */
  readonly sampleSeed?: number;
  /** The distinct-row sampling level the merged profile has reached: rows it drops are not counted. */
  readonly distinctLevel?: number;
}

/**
 * Streams rows into per-column profilers, counts distinct rows by hash and keeps a row sample.
 *
 * Mergeable, to profile a file in consecutive chunks in parallel: each chunk's profiler gives its `state()`
 * instead of finishing, and a fresh profiler, started with the same dialect, absorbs the states in file order
 * and then finishes (see `absorb`).
 */
export class DatasetProfiler implements RowSink {
  private columns: ColumnProfiler[] = [];
  private rows = 0;
  private readonly distinctRows: DistinctRows;
  readonly sample: RowSample;

  constructor(hints: ChunkHints = {}) {
    this.distinctRows = new DistinctRows(hints.distinctLevel);
    this.sample = new RowSample(SAMPLE_ROWS, hints.sampleRate, hints.sampleSeed);
  }

  /** The distinct-row sampling level reached (a hint for the profilers of later chunks). */
  get distinctLevel(): number {
    return this.distinctRows.sampling;
  }

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

  /** Everything `absorb` needs of the rows seen so far. Call after the rows, instead of `finish`. */
  state(): DatasetProfilerState {
    return {
      rows: this.rows,
      distinctRows: this.distinctRows.state(),
      sample: this.sample.state(),
      columns: this.columns.map((c) => c.state()),
    };
  }

  /**
   * Merges the state of a profiler that saw the rows following every row seen (or absorbed) so far, with the
   * same columns. `start` must have been called; a profiler that absorbed only absorbs (it is not fed rows).
   * The profile is then the one of reading every row in one pass when no column has more than 10,000 distinct
   * raw values, and so is the row sample up to 20,000 rows (beyond, a uniform sample, not the same one). Else
   * the rows, duplicates and each column's type, missing, distinct, top and numeric count, min, max and
   * sequence are the same; mean and std up to rounding, quantiles from a different sample. (One exception:
   * see `ColumnProfiler.absorb`.)
   */
  absorb(later: DatasetProfilerState): void {
    if (later.columns.length !== this.columns.length) {
      throw new Error(`cannot merge a profile of ${later.columns.length} columns into one of ${this.columns.length}`);
    }
    this.rows += later.rows;
    this.distinctRows.absorb(later.distinctRows);
    this.sample.absorb(later.sample);
    for (let j = 0; j < this.columns.length; j++) this.columns[j]!.absorb(later.columns[j]!);
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
