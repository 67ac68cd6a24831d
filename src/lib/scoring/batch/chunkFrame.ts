import type { InputColumn } from '../../automl/featurize';
import { ColumnCodes } from '../../data/columnCodes';
import { parseDatetime } from '../../data/datetime';
import type { Frame, FrameColumn } from '../../data/frame';
import { isNumericType } from '../../data/schema';
import { parseNumber } from '../../data/values';
import { systemError, userError } from '../../errors';

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
  /** Per frame row: class index, or -1 when the label is missing or unknown (classification); NaN (regression). */
  readonly labels: Int32Array | Float64Array | undefined;
}

/**
 * Builds a model Frame from a chunk of raw rows, reading against the model's input schema exactly as
 * `readCsvFrame` does (values cleaned and dictionary-encoded, numbers parsed once per distinct value), so a
 * batch scores a row as the training evaluation did. A numeric cell that is present but not a number rejects
 * its row with the reason.
 */
export class ChunkFramer {
  private readonly picks: number[];
  private readonly targetIndex: number;
  private readonly classIndex: Map<string, number> | undefined;

  constructor(
    private readonly schema: ScoringSchema,
    header: readonly string[],
  ) {
    const byName = new Map(header.map((name, i) => [name, i]));
    const absent = schema.columns.filter((c) => !byName.has(c.name));
    if (absent.length > 0) {
      throw userError('missing_columns', `The input lacks ${absent.length} column(s) the model needs.`, {
        details: absent.map((c) => ({ path: `column ${c.name}`, message: 'not in the file' })),
        hint: `Include every input column of the model: ${schema.columns.map((c) => c.name).join(', ')}.`,
      });
    }
    this.picks = schema.columns.map((c) => byName.get(c.name)!);
    this.targetIndex = byName.get(schema.target) ?? -1;
    this.classIndex = schema.classes === undefined ? undefined : new Map(schema.classes.map((c, i) => [c, i]));
  }

  get hasTarget(): boolean {
    return this.targetIndex >= 0;
  }

  frame(rows: readonly string[][]): FramedChunk {
    const n = rows.length;
    const bad = new Uint8Array(n);
    const reasons = new Map<number, string>();
    const columns = this.schema.columns.map((spec, j) => {
      const codes = new ColumnCodes();
      const at = this.picks[j]!;
      for (let r = 0; r < n; r++) codes.push(rows[r]![at]!);
      return { spec, codes };
    });
    const numbers = columns.map(({ spec, codes }) => {
      if (!isNumericType(spec.type)) return undefined;
      const byLevel = codes.levels.map((l) => (spec.type === 'datetime' ? parseDatetime(l) : parseNumber(l)));
      const rowCodes = codes.rowCodes();
      for (let r = 0; r < n; r++) {
        const code = rowCodes[r]!;
        if (code >= 0 && Number.isNaN(byLevel[code]!) && bad[r] === 0) {
          bad[r] = 1;
          const what = spec.type === 'datetime' ? 'a date/time' : 'a number';
          reasons.set(r, `column ${spec.name}: '${truncate(codes.levels[code]!)}' is not ${what}`);
        }
      }
      return byLevel;
    });
    const kept = reasons.size === 0 ? identity(n) : Int32Array.from(keptRows(bad));
    const frameColumns = columns.map(({ spec, codes }, j): FrameColumn => {
      const rowCodes = codes.rowCodes();
      const byLevel = numbers[j];
      if (byLevel !== undefined) {
        const values = new Float64Array(kept.length);
        for (let i = 0; i < kept.length; i++) {
          const code = rowCodes[kept[i]!]!;
          values[i] = code < 0 ? Number.NaN : byLevel[code]!;
        }
        return { kind: 'numeric', name: spec.name, type: spec.type as 'integer' | 'float' | 'datetime', values };
      }
      const type = spec.type as 'boolean' | 'categorical' | 'text';
      const picked = kept.length === n ? rowCodes.slice() : Int32Array.from(kept, (i) => rowCodes[i]!);
      return { kind: 'categorical', name: spec.name, type, codes: picked, levels: codes.levels };
    });
    return {
      frame: { rowCount: kept.length, columns: frameColumns },
      kept,
      rejects: [...reasons].map(([index, reason]) => ({ index, reason })),
      labels: this.labels(rows, kept),
    };
  }

  private labels(rows: readonly string[][], kept: Int32Array): Int32Array | Float64Array | undefined {
    if (this.targetIndex < 0) return undefined;
    const codes = new ColumnCodes();
    for (let i = 0; i < kept.length; i++) codes.push(rows[kept[i]!]![this.targetIndex]!);
    const rowCodes = codes.rowCodes();
    if (this.classIndex === undefined) {
      const byLevel = codes.levels.map(parseNumber);
      return Float64Array.from(rowCodes, (c) => (c < 0 ? Number.NaN : byLevel[c]!));
    }
    const index = this.classIndex;
    const byLevel = codes.levels.map((l) => index.get(l) ?? -1);
    return Int32Array.from(rowCodes, (c) => (c < 0 ? -1 : byLevel[c]!));
  }
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
