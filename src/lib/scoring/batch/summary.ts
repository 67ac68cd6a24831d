import { z } from 'zod';
import type { Evaluation } from '../../automl/evaluate';
import { csvLine } from './csvOutput';
import { HISTOGRAM_BINS, type ScoreTally } from './scoreTally';

export interface ModelInfo {
  readonly dataset: string;
  readonly version: number;
  readonly sha256: string;
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly target: string;
  readonly classes: readonly string[] | undefined;
  readonly threshold: number | undefined;
}

export type InputOutcome =
  | { readonly name: string; readonly status: 'scored'; readonly tally: ScoreTally; readonly output: string }
  | { readonly name: string; readonly status: 'rejected'; readonly reason: string };

const tallySchema = z.object({
  scored: z.number(),
  rejected: z.number(),
  classes: z.array(z.object({ class: z.string(), count: z.number(), rate: z.number() })),
  meanProbability: z.number().nullable(),
});

/** summary.json: the job's result document, written last. */
export const batchSummarySchema = z.object({
  schema: z.literal('batch-summary/v1'),
  jobId: z.string(),
  dataset: z.string(),
  model: z.object({
    name: z.string(),
    version: z.number(),
    sha256: z.string(),
    task: z.string(),
    target: z.string(),
    classes: z.array(z.string()).nullable(),
    threshold: z.number().nullable(),
  }),
  startedAt: z.string(),
  finishedAt: z.string(),
  seconds: z.number(),
  rows: z.object({ scored: z.number(), rejected: z.number() }),
  classes: tallySchema.shape.classes,
  probability: z
    .object({
      of: z.string(),
      mean: z.number().nullable(),
      histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
    })
    .nullable(),
  prediction: z
    .object({ mean: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable() })
    .nullable(),
  inputs: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['scored', 'rejected']),
      reason: z.string().optional(),
      output: z.string().optional(),
      ...tallySchema.partial().shape,
    }),
  ),
  metrics: z
    .object({
      /** Counts as automl/evaluate/evaluation.ts states them: rows left out are counted, never scored. */
      rows: z.number(),
      missingTarget: z.number(),
      unseenLabels: z.number(),
      beyondLimit: z.number(),
      /** null: undefined on these rows (e.g. AUC when only one class occurs). */
      values: z.record(z.string(), z.number().nullable()),
      confusionMatrix: z.object({ classes: z.array(z.string()), matrix: z.array(z.array(z.number())) }).optional(),
    })
    .nullable(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export interface SummaryInput {
  readonly jobId: string;
  readonly model: ModelInfo;
  readonly total: ScoreTally;
  readonly inputs: readonly InputOutcome[];
  /** Undefined when no input had the target column. */
  readonly metrics: Evaluation | undefined;
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

export function buildSummary(s: SummaryInput): BatchSummary {
  const { model, total } = s;
  const classification = model.classes !== undefined;
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    schema: 'batch-summary/v1',
    jobId: s.jobId,
    dataset: model.dataset,
    model: {
      name: model.dataset,
      version: model.version,
      sha256: model.sha256,
      task: model.task,
      target: model.target,
      classes: model.classes === undefined ? null : [...model.classes],
      threshold: model.threshold ?? null,
    },
    startedAt: s.startedAt.toISOString(),
    finishedAt: s.finishedAt.toISOString(),
    seconds: (s.finishedAt.getTime() - s.startedAt.getTime()) / 1000,
    rows: { scored: total.scored, rejected: total.rejected },
    classes: tallyView(total).classes,
    probability: classification
      ? {
          of: probabilityOf(model.classes!),
          mean: total.mean ?? null,
          histogram: total.histogram.map((count, i) => ({
            from: i / HISTOGRAM_BINS,
            to: (i + 1) / HISTOGRAM_BINS,
            count,
          })),
        }
      : null,
    prediction: classification ? null : { mean: total.mean ?? null, min: finite(total.min), max: finite(total.max) },
    inputs: s.inputs.map((input) =>
      input.status === 'rejected'
        ? { name: input.name, status: 'rejected', reason: input.reason }
        : { name: input.name, status: 'scored', output: input.output, ...tallyView(input.tally) },
    ),
    metrics: s.metrics === undefined ? null : metricsView(s.metrics),
  };
}

function metricsView(m: Evaluation): NonNullable<BatchSummary['metrics']> {
  const { confusionMatrix, metrics: values, ...rest } = m;
  return {
    ...rest,
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
    ...(confusionMatrix === undefined
      ? {}
      : { confusionMatrix: { classes: [...confusionMatrix.classes], matrix: confusionMatrix.matrix } }),
  };
}

/** What the probability histogram is of: the positive class (binary) or the predicted class (multiclass). */
export function probabilityOf(classes: readonly string[]): string {
  return classes.length === 2 ? `probability_${classes[1]}` : 'probability of the predicted class';
}

function tallyView(t: ScoreTally): z.infer<typeof tallySchema> {
  return {
    scored: t.scored,
    rejected: t.rejected,
    classes: (t.classes ?? []).map((c, i) => ({
      class: c,
      count: t.classCounts[i]!,
      rate: t.scored === 0 ? 0 : t.classCounts[i]! / t.scored,
    })),
    meanProbability: t.mean ?? null,
  };
}

/** summary.csv: one line per input and a TOTAL line, for spreadsheets. */
export function summaryCsv(summary: BatchSummary): string {
  const classes = summary.model.classes ?? [];
  const header = [
    'input',
    'status',
    'rows_scored',
    'rows_rejected',
    ...classes.flatMap((c) => [`count_${c}`, `rate_${c}`]),
    summary.model.classes === null ? 'mean_prediction' : 'mean_probability',
    'reason',
  ];
  const line = (
    name: string,
    status: string,
    t: { scored?: number; rejected?: number; classes?: { count: number; rate: number }[] },
    mean: number | null | undefined,
    reason: string,
  ) =>
    csvLine([
      name,
      status,
      t.scored ?? 0,
      t.rejected ?? 0,
      ...classes.flatMap((_, i) => [t.classes?.[i]?.count ?? 0, t.classes?.[i]?.rate ?? 0]),
      mean ?? '',
      reason,
    ]);
  const mean = summary.probability?.mean ?? summary.prediction?.mean;
  return [
    csvLine(header),
    ...summary.inputs.map((i) => line(i.name, i.status, i, i.meanProbability, i.reason ?? '')),
    line('TOTAL', 'total', { ...summary.rows, classes: summary.classes }, mean, ''),
  ].join('');
}
