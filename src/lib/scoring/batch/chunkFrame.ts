import { classIndexer, MISSING_TARGET } from '../../automl/evaluate';
import type { InputColumn } from '../../automl/featurize';
import { parseDatetime } from '../../data/cells/datetime';
import { parseNumber } from '../../data/cells/values';
import type { Frame, FrameColumn } from '../../data/frame/frame';
import { isNumericType } from '../../data/frame/schema';
import { systemError, userError } from '../../errors';
import { LevelDictionary } from './levelDictionary';

/** What the model needs of an input file: its input columns, and the target when metrics can be computed. */
export interface ScoringSchema {
  readonly columns: readonly InputColumn[];
  readonly target: string;
  /** Classification: the class labels in model order; regression: undefined. */
  readonly classes: readonly string[] | undefined;
}

export interface FramedChunk {
  readonly frame: Frame;
  /** Chunk row index of each frame row (rows that passed validation). */
  readonly kept: Int32Array;
  readonly rejects: readonly { readonly index: number; readonly reason: string }[];
  /** Per frame row, as evaluations take them (automl/evaluate/labels.ts): class index or MISSING_TARGET or UNSEEN_LABEL; NaN (regression). */
  readonly labels: Int32Array | Float64Array | undefined;
}

interface FramedColumn {
  readonly spec: InputColumn;
  /** Field index in the file's rows. */
  readonly at: number;
  readonly numeric: boolean;
  readonly dictionary: LevelDictionary;
}

/**
 * Builds a model Frame from a chunk of raw rows, reading against the model's input schema exactly as
 * `readCsvFrame` does (values cleaned and dictionary-encoded, numbers parsed once per distinct value), so a
 * batch scores a row as the training evaluation did. The dictionaries live as long as the file, so a value
 * seen in an earlier chunk is neither cleaned nor parsed again. A numeric cell that is present but not a
 * number rejects its row with the reason.
 */
export class ChunkFramer {
  private readonly columns: readonly FramedColumn[];
  private readonly targetIndex: number;
  private readonly target: LevelDictionary;
  private readonly regression: boolean;

  constructor(schema: ScoringSchema, header: readonly string[]) {
    const byName = new Map(header.map((name, i) => [name, i]));
    const absent = schema.columns.filter((c) => !byName.has(c.name));
    if (absent.length > 0) {
      throw userError('missing_columns', `The input lacks ${absent.length} column(s) the model needs.`, {
        details: absent.map((c) => ({ path: `column ${c.name}`, message: 'not in the file' })),
        hint: `Include every input column of the model: ${schema.columns.map((c) => c.name).join(', ')}.`,
      });
    }
    this.columns = schema.columns.map((spec) => {
      const numeric = isNumericType(spec.type);
      const parse = spec.type === 'datetime' ? (l: string) => parseDatetime(l) : parseNumber;
      return {
        spec,
        at: byName.get(spec.name)!,
        numeric,
        dictionary: new LevelDictionary(numeric ? parse : undefined),
      };
    });
    this.targetIndex = byName.get(schema.target) ?? -1;
    const classes = schema.classes;
    this.regression = classes === undefined;
    if (classes === undefined) this.target = new LevelDictionary(parseNumber);
    else this.target = new LevelDictionary(classIndexer(classes));
  }

  get hasTarget(): boolean {
    return this.targetIndex >= 0;
  }

  /** Categorical columns share their dictionary's levels array, which later chunks only append to (or replace). */
  frame(rows: readonly string[][]): FramedChunk {
    const n = rows.length;
    const bad = new Uint8Array(n);
    const reasons = new Map<number, string>();
    const codes = this.columns.map(({ at, dictionary }) => encode(dictionary, rows, at));
    this.columns.forEach(({ spec, numeric, dictionary }, j) => {
      if (!numeric) return;
      const rowCodes = codes[j]!;
      const byLevel = dictionary.derived;
      for (let r = 0; r < n; r++) {
        const code = rowCodes[r]!;
        if (code >= 0 && Number.isNaN(byLevel[code]!) && bad[r] === 0) {
          bad[r] = 1;
          const what = spec.type === 'datetime' ? 'a date/time' : 'a number';
          reasons.set(r, `column ${spec.name}: '${truncate(dictionary.levels[code]!)}' is not ${what}`);
        }
      }
    });
    const kept = reasons.size === 0 ? identity(n) : Int32Array.from(keptRows(bad));
    const frameColumns = this.columns.map(({ spec, numeric, dictionary }, j): FrameColumn => {
      const rowCodes = codes[j]!;
      if (numeric) {
        return {
          kind: 'numeric',
          name: spec.name,
          type: spec.type as 'integer' | 'float' | 'datetime',
          values: valuesOf(rowCodes, kept, dictionary.derived),
        };
      }
      const type = spec.type as 'boolean' | 'categorical' | 'text';
      const picked = kept.length === n ? rowCodes : Int32Array.from(kept, (i) => rowCodes[i]!);
      return { kind: 'categorical', name: spec.name, type, codes: picked, levels: dictionary.levels };
    });
    return {
      frame: { rowCount: kept.length, columns: frameColumns },
      kept,
      rejects: [...reasons].map(([index, reason]) => ({ index, reason })),
      labels: this.labels(rows, kept),
    };
  }

  /** Classification: class index, MISSING_TARGET or UNSEEN_LABEL; regression: the number (NaN missing or not a number). */
  private labels(rows: readonly string[][], kept: Int32Array): Int32Array | Float64Array | undefined {
    if (this.targetIndex < 0) return undefined;
    const dictionary = this.target;
    dictionary.bound();
    const at = this.targetIndex;
    const regression = this.regression;
    const out = regression ? new Float64Array(kept.length) : new Int32Array(kept.length);
    for (let i = 0; i < kept.length; i++) {
      const code = dictionary.code(rows[kept[i]!]![at]!);
      out[i] = code < 0 ? (regression ? Number.NaN : MISSING_TARGET) : dictionary.derived[code]!;
    }
    return out;
  }
}

function encode(dictionary: LevelDictionary, rows: readonly string[][], at: number): Int32Array {
  dictionary.bound();
  const out = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = dictionary.code(rows[r]![at]!);
  return out;
}

function valuesOf(rowCodes: Int32Array, kept: Int32Array, byLevel: readonly number[]): Float64Array {
  const values = new Float64Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const code = rowCodes[kept[i]!]!;
    values[i] = code < 0 ? Number.NaN : byLevel[code]!;
  }
  return values;
}

export function checkAligned(rows: number, records: number): void {
  if (rows !== records) throw systemError('csv_misaligned', `parsed ${rows} rows for ${records} records`);
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function* keptRows(bad: Uint8Array): Generator<number> {
  for (let i = 0; i < bad.length; i++) if (bad[i] === 0) yield i;
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
