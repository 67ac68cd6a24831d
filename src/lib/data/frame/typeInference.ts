import { isDayFirstDate } from '../cells/datetime';
import type { ValueKind } from '../cells/values';
import type { ColumnType } from './frame';

/** What `TypeTally.absorb` needs of a tally: plain data. */
export interface TypeTallyState {
  readonly counts: Readonly<Record<ValueKind, number>>;
  readonly examples: Partial<Record<ValueKind, string>>;
  readonly dayFirst: boolean;
  readonly totalLength: number;
}

/** Counts of each value kind seen in one column, fed value by value (or level by level with a weight). */
export class TypeTally {
  readonly counts: Record<ValueKind, number> = { missing: 0, integer: 0, float: 0, boolean: 0, datetime: 0, text: 0 };
  /** One example per kind, for the reason given when a column is mixed. */
  readonly examples: Partial<Record<ValueKind, string>> = {};
  dayFirst = false;
  totalLength = 0;

  add(kind: ValueKind, value: string, weight = 1): void {
    this.counts[kind] += weight;
    if (this.examples[kind] === undefined) this.examples[kind] = value;
    if (kind === 'datetime' && !this.dayFirst && isDayFirstDate(value)) this.dayFirst = true;
    if (kind === 'text') this.totalLength += value.length * weight;
  }

  state(): TypeTallyState {
    const { dayFirst, totalLength } = this;
    return { counts: { ...this.counts }, examples: { ...this.examples }, dayFirst, totalLength };
  }

  /** Adds the tally of values that came after every value tallied here: examples stay the earliest. */
  absorb(later: TypeTallyState): void {
    for (const kind of Object.keys(later.counts) as ValueKind[]) this.counts[kind] += later.counts[kind];
    for (const [kind, example] of Object.entries(later.examples) as [ValueKind, string][]) {
      this.examples[kind] ??= example;
    }
    this.dayFirst ||= later.dayFirst;
    this.totalLength += later.totalLength;
  }

  get present(): number {
    const c = this.counts;
    return c.integer + c.float + c.boolean + c.datetime + c.text;
  }
}

export interface InferredType {
  readonly type: ColumnType;
  readonly reason?: string;
}

// A string column is free text (or an identifier) rather than a category when most values are distinct.
const TEXT_MIN_DISTINCT = 100;
const TEXT_DISTINCT_RATIO = 0.5;
const TEXT_MEAN_LENGTH = 50;

/** Column type from its tally and its (possibly estimated) number of distinct present values. */
export function decideType(tally: TypeTally, distinct: number): InferredType {
  const c = tally.counts;
  const present = tally.present;
  if (present === 0) return { type: 'categorical', reason: 'every value is missing' };
  if (c.integer === present) return { type: 'integer' };
  if (c.integer + c.float === present) return { type: 'float' };
  if (c.boolean === present && distinct <= 2) return { type: 'boolean' };
  if (c.datetime === present) return { type: 'datetime' };
  // Yes/no words next to other words are just categories; numbers or dates next to words are a mix.
  const groups = [c.integer + c.float, c.text + c.boolean, c.datetime].filter((n) => n > 0).length;
  if (groups > 1) {
    const kinds = (['integer', 'float', 'boolean', 'datetime', 'text'] as const).filter((k) => c[k] > 0);
    const parts = kinds.map((k) => `${c[k]} ${k} (e.g. '${tally.examples[k]}')`);
    return { type: 'categorical', reason: `mixed values: ${parts.join(', ')}` };
  }
  const textual = c.text + c.boolean + c.datetime;
  const meanLength = c.text > 0 ? tally.totalLength / c.text : 0;
  if (distinct >= TEXT_MIN_DISTINCT && (distinct > TEXT_DISTINCT_RATIO * textual || meanLength > TEXT_MEAN_LENGTH)) {
    return { type: 'text' };
  }
  return { type: 'categorical' };
}
