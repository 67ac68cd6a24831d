import { userError } from '../../errors';
import { parseDatetime } from '../cells/datetime';
import { classifyClean, parseNumber } from '../cells/values';
import { type CsvReadResult, type ReadOptions, readCsv } from '../csv/csvReader';
import type { Dialect } from '../csv/dialect';
import type { CsvSource } from '../csv/source';
import { ColumnCodes } from './columnCodes';
import type { Frame, FrameColumn } from './frame';
import { type ColumnSchema, isNumericType } from './schema';
import { decideType, TypeTally } from './typeInference';

export interface ReadFrameOptions extends ReadOptions {
  /**
   * Read against a known schema (scoring uses the training schema): these columns, in this order, with these
   * types. Categorical codes keep the schema's level order; values the schema has not seen are appended as new
   * levels after them (so a code ≥ `levels.length` of the schema means "unseen") and counted in `unseen`.
   * Numbers that do not parse become NaN. A schema column absent from the file is an error.
   */
  readonly columns?: readonly ColumnSchema[];
}

export interface FrameRead {
  readonly frame: Frame;
  readonly schema: ColumnSchema[];
  /** Ragged rows dropped. */
  readonly rejected: number;
  /** Read against a schema: per categorical column, how many rows held a level the schema did not list. */
  readonly unseen: Record<string, number>;
  readonly dialect: Dialect;
  readonly sha256: string;
}

/** Reads a whole CSV into a columnar Frame: dialect sniffed, types inferred (or taken from `options.columns`). */
export async function readCsvFrame(source: CsvSource, options: ReadFrameOptions = {}): Promise<FrameRead> {
  let encoders: ColumnCodes[] = [];
  let picks: number[] = [];
  const read = await readCsv(
    source,
    {
      start(dialect) {
        picks = pickColumns(dialect, options.columns);
        encoders = picks.map((_, i) => new ColumnCodes(options.columns?.[i]?.levels));
      },
      row(fields) {
        for (let i = 0; i < picks.length; i++) encoders[i]!.push(fields[picks[i]!]!);
      },
    },
    options,
  );
  return buildFrame(read, encoders, options.columns);
}

function pickColumns(dialect: Dialect, wanted: readonly ColumnSchema[] | undefined): number[] {
  if (wanted === undefined) return dialect.columns.map((_, i) => i);
  const byName = new Map(dialect.columns.map((name, i) => [name, i]));
  const absent = wanted.filter((c) => !byName.has(c.name));
  if (absent.length > 0) {
    throw userError('missing_columns', `The file lacks ${absent.length} column(s) of the schema.`, {
      details: absent.map((c) => ({ path: `column ${c.name}`, message: 'not in the file' })),
      hint: `Include every column the model was trained on: ${wanted.map((c) => c.name).join(', ')}.`,
    });
  }
  return wanted.map((c) => byName.get(c.name)!);
}

function buildFrame(
  read: CsvReadResult,
  encoders: ColumnCodes[],
  given: readonly ColumnSchema[] | undefined,
): FrameRead {
  const names = given?.map((c) => c.name) ?? read.dialect.columns;
  const schema: ColumnSchema[] = [];
  const columns: FrameColumn[] = [];
  const unseen: Record<string, number> = {};
  encoders.forEach((enc, i) => {
    const name = names[i]!;
    const tally = new TypeTally();
    enc.levels.forEach((level, code) => {
      tally.add(classifyClean(level), level, enc.counts[code]!);
    });
    const known = given?.[i];
    const inferred = known ?? { name, ...decideType(tally, enc.levels.length), nullable: enc.missing > 0 };
    const { type } = inferred;
    const codes = enc.rowCodes();
    if (isNumericType(type)) {
      const byLevel = enc.levels.map((l) => (type === 'datetime' ? parseDatetime(l, tally.dayFirst) : parseNumber(l)));
      const values = new Float64Array(codes.length);
      for (let r = 0; r < codes.length; r++) values[r] = byLevel[codes[r]!] ?? Number.NaN;
      columns.push({ kind: 'numeric', name, type, values });
      schema.push(inferred);
      return;
    }
    columns.push({ kind: 'categorical', name, type, codes, levels: enc.levels });
    if (known !== undefined) {
      const seeded = known.levels?.length ?? 0;
      unseen[name] = enc.counts.slice(seeded).reduce((a, b) => a + b, 0);
      schema.push(known);
    } else {
      schema.push(type === 'text' ? inferred : { ...inferred, levels: enc.levels });
    }
  });
  const rowCount = encoders[0]?.rowCount ?? read.rows;
  return {
    frame: { rowCount, columns },
    schema,
    rejected: read.rejected.count,
    unseen,
    dialect: read.dialect,
    sha256: read.bytes.sha256,
  };
}
