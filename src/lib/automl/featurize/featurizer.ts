import { z } from 'zod';
import type { ColumnType, Frame, FrameColumn } from '../../data/frame/frame';
import { systemError, userError } from '../../errors';
import type { Dataset, FeatureInfo } from '../types';
import { type ColumnEncoder, encoderFor } from './encoders';
import { type CategoricalOptions, fitColumn } from './fit';
import { defaultGuardrails, dropReason, type GuardrailOptions } from './guardrails';
import { type ColumnPlan, type DroppedColumn, FEATURIZER_VERSION, type FeaturizerJSON, featurizerSchema } from './plan';

export interface FeaturizerOptions {
  readonly target: string;
  /** Columns the user excluded. */
  readonly drop?: readonly string[];
  readonly minFrequency?: number;
  readonly maxCategories?: number;
  readonly guardrails?: Partial<GuardrailOptions>;
}

/** One input column a model expects, for the artifact's input schema and request validation. */
export interface InputColumn {
  readonly name: string;
  readonly type: ColumnType;
  /** Categorical columns: the levels with their own code (others score as unseen/rare). */
  readonly categories?: readonly string[];
}

export interface Encoded {
  readonly data: Dataset;
  /** Categorical cells holding a value training never saw (scored with the rare/unseen code). */
  readonly unseenCategories: number;
}

/**
 * Turns raw columns into the model's numeric Dataset, identically at training and scoring time: median
 * imputation plus a missing indicator where training had gaps, categorical codes with a rare/unseen bucket
 * (code 0) and missing as NaN, datetime parts as numbers; constant and ID-like columns dropped (reasons kept).
 */
export class Featurizer {
  readonly features: readonly FeatureInfo[];
  private readonly encoders: readonly ColumnEncoder[];
  private readonly names: readonly string[];
  /** The one-row columns, per encoder and as the flat list a Dataset holds. */
  #oneRow: Float64Array[][] | undefined;
  #oneRowColumns: Float64Array[] | undefined;

  constructor(private readonly json: FeaturizerJSON) {
    this.encoders = json.columns.map(encoderFor);
    this.names = json.columns.map((c) => c.name);
    this.features = this.encoders.flatMap((e) => e.features);
  }

  get target(): string {
    return this.json.target;
  }

  get dropped(): readonly DroppedColumn[] {
    return this.json.dropped;
  }

  get columns(): readonly ColumnPlan[] {
    return this.json.columns;
  }

  inputSchema(): InputColumn[] {
    return this.json.columns.map((c) =>
      c.kind === 'categorical'
        ? { name: c.name, type: c.type, categories: c.levels }
        : { name: c.name, type: c.kind === 'datetime' ? 'datetime' : c.type },
    );
  }

  transform(frame: Frame): Dataset {
    return this.transformFrame(frame).data;
  }

  transformFrame(frame: Frame): Encoded {
    const byName = new Map<string, FrameColumn>(frame.columns.map((c) => [c.name, c]));
    const absent = this.json.columns.filter((c) => !byName.has(c.name)).map((c) => c.name);
    if (absent.length > 0) {
      throw userError('missing_columns', `The data lacks ${absent.length} column(s) the model needs.`, {
        details: absent.map((name) => ({ path: `column ${name}`, message: 'missing' })),
        hint: `Include every input column: ${this.json.columns.map((c) => c.name).join(', ')}.`,
      });
    }
    return this.encode(frame.rowCount, (encoder, j, out) =>
      encoder.encodeColumn(byName.get(this.json.columns[j]!.name)!, out),
    );
  }

  /**
   * Plain objects (e.g. a JSON scoring request): an absent key or null is a missing value. One row — most
   * real-time scoring calls — is written into the same columns every time (small typed arrays are a large
   * share of a request's garbage): its result holds until the next one-row call, so use it before that.
   */
  transformRows(rows: readonly Record<string, unknown>[]): Encoded {
    if (rows.length !== 1) {
      return this.encode(rows.length, (encoder, j, out) => {
        const name = this.names[j]!;
        let unseen = 0;
        for (let i = 0; i < rows.length; i++) unseen += encoder.encodeValue(rows[i]![name], out, i);
        return unseen;
      });
    }
    const row = rows[0]!;
    this.#oneRow ??= this.encoders.map((e) => e.features.map(() => new Float64Array(1)));
    let unseenCategories = 0;
    for (let j = 0; j < this.encoders.length; j++) {
      unseenCategories += this.encoders[j]!.encodeValue(row[this.names[j]!], this.#oneRow[j]!, 0);
    }
    this.#oneRowColumns ??= this.#oneRow.flat();
    return { data: { rows: 1, features: this.features, columns: this.#oneRowColumns }, unseenCategories };
  }

  toJSON(): FeaturizerJSON {
    return this.json;
  }

  private encode(rows: number, fill: (encoder: ColumnEncoder, j: number, out: Float64Array[]) => number): Encoded {
    const columns: Float64Array[] = [];
    let unseenCategories = 0;
    for (let j = 0; j < this.encoders.length; j++) {
      const encoder = this.encoders[j]!;
      const width = encoder.features.length;
      const out: Float64Array[] = new Array(width);
      for (let f = 0; f < width; f++) out[f] = new Float64Array(rows);
      unseenCategories += fill(encoder, j, out);
      for (let f = 0; f < width; f++) columns.push(out[f]!);
    }
    return { data: { rows, features: this.features, columns }, unseenCategories };
  }
}

export function fitFeaturizer(frame: Frame, options: FeaturizerOptions): Featurizer {
  if (!frame.columns.some((c) => c.name === options.target)) {
    throw userError('target_missing', `The target column "${options.target}" is not in the data.`, {
      hint: `Columns: ${frame.columns.map((c) => c.name).join(', ')}.`,
    });
  }
  const excluded = new Set([options.target, ...(options.drop ?? [])]);
  const guardrails = { ...defaultGuardrails, ...options.guardrails };
  const categorical: CategoricalOptions = {
    minFrequency: options.minFrequency ?? 5,
    maxCategories: options.maxCategories ?? 255,
  };
  const columns: ColumnPlan[] = [];
  const dropped: DroppedColumn[] = [];
  for (const column of frame.columns) {
    if (column.name === options.target) continue;
    if (excluded.has(column.name)) {
      dropped.push({ name: column.name, reason: 'excluded by the user' });
      continue;
    }
    const reason = dropReason(column, frame.rowCount, guardrails);
    if (reason !== undefined) dropped.push({ name: column.name, reason });
    else columns.push(fitColumn(column, categorical));
  }
  if (columns.length === 0) {
    throw userError('no_features', 'No usable input column is left after the data guardrails.', {
      details: dropped.map((d) => ({ path: `column ${d.name}`, message: d.reason })),
    });
  }
  return new Featurizer({ version: FEATURIZER_VERSION, target: options.target, columns, dropped });
}

export function loadFeaturizer(json: unknown): Featurizer {
  const parsed = featurizerSchema.safeParse(json);
  if (!parsed.success) {
    throw systemError('featurizer_invalid', `Stored featurizer is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return new Featurizer(parsed.data);
}
