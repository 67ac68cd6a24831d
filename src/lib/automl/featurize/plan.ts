import { z } from 'zod';

/**
 * The featurizer's fitted state, per input column: what it learnt at training time and replays at scoring time.
 * Plain JSON so it travels inside the model artifact.
 */
export const FEATURIZER_VERSION = 1;

const numericPlan = z.object({
  kind: z.literal('numeric'),
  name: z.string(),
  type: z.enum(['integer', 'float']),
  /** Imputed for missing values. */
  median: z.number(),
  /** A `<name>__missing` 0/1 feature follows, because training data had missing values. */
  indicator: z.boolean(),
});

const categoricalPlan = z.object({
  kind: z.literal('categorical'),
  name: z.string(),
  type: z.enum(['boolean', 'categorical', 'text']),
  /** Kept levels, most frequent first: level i gets code i + 1; code 0 is the unseen/rare bucket. */
  levels: z.array(z.string()),
  /** Training levels folded into the rare bucket (capped), so they are not counted as unseen at scoring. */
  rare: z.array(z.string()),
  /** More rare levels existed than `rare` holds. */
  rareTruncated: z.boolean(),
});

const datetimePlan = z.object({
  kind: z.literal('datetime'),
  name: z.string(),
  /** Epoch ms imputed for missing values. */
  median: z.number(),
  /** Parts derived (those that varied in training). */
  parts: z.array(z.enum(['days', 'year', 'month', 'day', 'weekday', 'hour', 'minute'])),
  indicator: z.boolean(),
});

export const columnPlanSchema = z.discriminatedUnion('kind', [numericPlan, categoricalPlan, datetimePlan]);

export const featurizerSchema = z.object({
  version: z.literal(FEATURIZER_VERSION),
  target: z.string(),
  columns: z.array(columnPlanSchema),
  dropped: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export type NumericPlan = z.infer<typeof numericPlan>;
export type CategoricalPlan = z.infer<typeof categoricalPlan>;
export type DatetimePlan = z.infer<typeof datetimePlan>;
export type DatetimePart = DatetimePlan['parts'][number];
export type ColumnPlan = z.infer<typeof columnPlanSchema>;
export type FeaturizerJSON = z.infer<typeof featurizerSchema>;
export interface DroppedColumn {
  readonly name: string;
  readonly reason: string;
}
