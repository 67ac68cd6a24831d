import { z } from 'zod';
import { DATASET_NAME, DATASET_NAME_RULE } from '../datasetName';
import { jobIdSchema, runIdSchema, versionSchema } from '../idRules';
import { type QueueName, queues } from './queues';

/**
 * Message bodies, versioned by a `schema` tag so a consumer can refuse (dead-letter) a message it does not
 * understand instead of misreading it. Add a v2 schema beside v1; never change v1 in place.
 */
const name = z.string().regex(DATASET_NAME, DATASET_NAME_RULE);

export const trainMessageSchema = z.object({
  schema: z.literal('automl-train/v1'),
  runId: runIdSchema,
  dataset: name,
  version: versionSchema,
  trigger: z.enum(['blob', 'schedule', 'http']),
  overrides: z
    .object({
      budgetSeconds: z.number().int().min(1).max(3600).optional(),
      primaryMetric: z.string().optional(),
    })
    .optional(),
});

export const deployMessageSchema = z.object({
  schema: z.literal('automl-deploy/v1'),
  runId: runIdSchema,
  dataset: name,
  modelVersion: versionSchema,
});

export const batchMessageSchema = z.object({
  schema: z.literal('automl-batch/v1'),
  jobId: jobIdSchema,
  dataset: name,
});

export type TrainMessage = z.infer<typeof trainMessageSchema>;
export type DeployMessage = z.infer<typeof deployMessageSchema>;
export type BatchMessage = z.infer<typeof batchMessageSchema>;

export const messageSchemas = {
  [queues.train]: trainMessageSchema,
  [queues.deploy]: deployMessageSchema,
  [queues.batch]: batchMessageSchema,
} as const satisfies Record<QueueName, z.ZodType>;

export type MessageFor<Q extends QueueName> = z.infer<(typeof messageSchemas)[Q]>;
