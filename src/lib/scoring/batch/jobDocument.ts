import { z } from 'zod';

/**
 * The batch job document (`registry/batch/{jobId}.json`): created before any work is queued, then owned by the
 * attempt that claimed it (every update is ifMatch). `results.summary` exists exactly when the job succeeded.
 */
const isoTime = z.string();

export const batchOptionsSchema = z.object({
  includeProbabilities: z.boolean().default(true),
  /** Input columns copied into each output row (default: all of them, as read). */
  outputColumns: z.array(z.string().min(1)).max(1000).optional(),
});
export type BatchOptions = z.infer<typeof batchOptionsSchema>;

export const batchInputSchema = z.object({
  /** Blob name in the scoring-inputs container. */
  name: z.string(),
  etag: z.string(),
  size: z.number().int().nonnegative(),
});
export type BatchInput = z.infer<typeof batchInputSchema>;

const progressSchema = z.object({
  filesTotal: z.number().int().nonnegative(),
  filesDone: z.number().int().nonnegative(),
  rowsScored: z.number().int().nonnegative(),
  rowsRejected: z.number().int().nonnegative(),
  bytesRead: z.number().int().nonnegative(),
  currentFile: z.string().optional(),
});
export type BatchProgress = z.infer<typeof progressSchema>;

export const batchJobSchema = z.object({
  schema: z.literal('batch-job/v1'),
  jobId: z.string(),
  dataset: z.string(),
  trigger: z.enum(['http', 'blob']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  /** The model pinned when the job was created, so a deployment in between does not change the answer. */
  model: z.object({ dataset: z.string(), version: z.number().int().positive() }).optional(),
  inputs: z.array(batchInputSchema),
  options: batchOptionsSchema,
  /** Claimed deliveries; attempt n ran with `attempt: n`. */
  attempt: z.number().int().nonnegative(),
  progress: progressSchema,
  createdAt: isoTime,
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  updatedAt: isoTime,
  results: z
    .object({
      container: z.string(),
      prefix: z.string(),
      summary: z.string(),
      summaryCsv: z.string(),
      rejects: z.string(),
      histogram: z.string(),
      outputs: z.array(z.object({ input: z.string(), output: z.string() })),
    })
    .optional(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      userFixable: z.boolean(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
      hint: z.string().optional(),
    })
    .optional(),
});
export type BatchJob = z.infer<typeof batchJobSchema>;

export const emptyProgress = (filesTotal: number): BatchProgress => ({
  filesTotal,
  filesDone: 0,
  rowsScored: 0,
  rowsRejected: 0,
  bytesRead: 0,
});
