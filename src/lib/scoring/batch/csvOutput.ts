import type { Prediction } from '../../automl/artifact';
import type { CsvChunk } from '../../data/csv/csvChunks';
import type { Dialect } from '../../data/csv/dialect';
import { userError } from '../../errors';
import { ByteBuilder } from './byteBuilder';
import { mayStartFormula, neutralise } from './formulaCells';

const NEEDS_QUOTES = /[",\r\n]/;
const LF = 10;

/** RFC 4180 field, neutralised against formulas: quoted (quotes doubled) only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  const cell = neutralise(value);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvLine(values: readonly (string | number)[]): string {
  return `${values.map((v) => csvField(String(v))).join(',')}\n`;
}

export interface OutputShape {
  readonly classes: readonly string[] | undefined;
  readonly includeProbabilities: boolean;
  /** Input columns to copy into each output row; undefined = all, as read. */
  readonly outputColumns: readonly string[] | undefined;
}

/**
 * Writes scored rows as comma-separated CSV: the chosen input columns, `prediction`, then `probability_{class}`
 * per class. When every column is kept and the input already is comma/double-quote CSV, the record's own text
 * is echoed (no re-quoting): the common case, and the fastest. A record that may hold a formula is written
 * from its fields instead, so every cell is neutralised as `csvField` does.
 */
export class ScoredCsv {
  private readonly picks: number[];
  private readonly echo: boolean;
  private readonly out = new ByteBuilder();
  private readonly labels = new Map<string, Buffer>();
  readonly header: string;

  constructor(
    dialect: Dialect,
    private readonly shape: OutputShape,
  ) {
    const byName = new Map(dialect.columns.map((name, i) => [name, i]));
    const wanted = shape.outputColumns ?? dialect.columns;
    const absent = wanted.filter((c) => !byName.has(c));
    if (absent.length > 0) {
      throw userError('unknown_output_columns', `outputColumns names ${absent.length} column(s) the input lacks.`, {
        details: absent.map((c) => ({ path: `outputColumns ${c}`, message: 'not in the file' })),
      });
    }
    this.echo = shape.outputColumns === undefined && dialect.delimiter === ',' && dialect.quote === '"';
    this.picks = wanted.map((c) => byName.get(c)!);
    const extra = ['prediction'];
    if (shape.includeProbabilities && shape.classes !== undefined) {
      for (const c of shape.classes) extra.push(`probability_${c}`);
    }
    this.header = csvLine([...wanted, ...extra]);
  }

  /** Whether the reader must keep each record's text. */
  get needsLines(): boolean {
    return this.echo;
  }

  /** The scored rows as UTF-8 bytes (empty when no row was kept). */
  format(chunk: CsvChunk, kept: Int32Array, prediction: Prediction): Buffer {
    const out = this.out;
    const k = this.shape.classes?.length ?? 0;
    const probs = this.shape.includeProbabilities && prediction.task !== 'regression';
    for (let i = 0; i < kept.length; i++) {
      const index = kept[i]!;
      const line = this.echo ? chunk.lines[index]! : undefined;
      out.text(line !== undefined && !mayStartFormula(line) ? line : this.pick(chunk.rows[index]!));
      if (prediction.task === 'regression') out.text(`,${prediction.values[i]!}`);
      else {
        out.bytes(this.labelBytes(prediction.labels[i]!));
        if (probs) {
          for (let c = 0; c < k; c++) {
            out.comma();
            out.probability(prediction.probabilities[i * k + c]!);
          }
        }
      }
      out.byte(LF);
    }
    return out.take();
  }

  /** `,label` as bytes: labels repeat on every row, so each is quoted and encoded once. */
  private labelBytes(label: string): Buffer {
    let bytes = this.labels.get(label);
    if (bytes === undefined) {
      bytes = Buffer.from(`,${csvField(label)}`);
      this.labels.set(label, bytes);
    }
    return bytes;
  }

  private pick(fields: readonly string[]): string {
    const picks = this.picks;
    let line = '';
    for (let j = 0; j < picks.length; j++) line += (j === 0 ? '' : ',') + csvField(fields[picks[j]!]!);
    return line;
  }
}
