import { z } from 'zod';

/**
 * Registry documents, versioned by their `schema` tag and validated on every read. Each is written by one
 * stage; shared ones (deployment pointer, active-run lock) change only with ifMatch or conditional create.
 */
const isoTime = z.string();
const task = z.enum(['binary', 'multiclass', 'regression']);

export const datasetVersionSchema = z.object({
  schema: z.literal('dataset-version/v1'),
  dataset: z.string(),
  version: z.number().int().positive(),
  /** `failed` is final: the drop could not be registered (`error` says why); the same bytes get a new version. */
  status: z.enum(['registering', 'ready', 'failed']),
  sha256: z.string(),
  source: z.object({ container: z.string(), name: z.string(), etag: z.string() }),
  createdAt: isoTime,
  readyAt: isoTime.optional(),
  failedAt: isoTime.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  rows: z.number().int().nonnegative(),
  columns: z.number().int().nonnegative(),
  target: z.string(),
  task,
  /** Training settings from `automl.json` at registration time (lineage). */
  config: z.record(z.string(), z.unknown()).optional(),
  guardrails: z.array(z.object({ name: z.string(), status: z.string() }).loose()).default([]),
  /** Feature columns training leaves out (constant, ID-like, free text), per the guardrails. */
  drop: z.array(z.string()).default([]),
});
export type DatasetVersion = z.infer<typeof datasetVersionSchema>;

export const datasetClaimSchema = z.object({
  schema: z.literal('dataset-claim/v1'),
  sha256: z.string(),
  version: z.number().int().positive(),
  claimedAt: isoTime,
});

const stageStatus = z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']);
const errorInfo = z.object({ code: z.string(), message: z.string(), userFixable: z.boolean() });

export const stageSchema = z.object({
  status: stageStatus,
  startedAt: isoTime.optional(),
  endedAt: isoTime.optional(),
  durationSeconds: z.number().optional(),
  attempts: z.number().int().default(0),
  error: errorInfo.optional(),
});
export type Stage = z.infer<typeof stageSchema>;

export const runSchema = z.object({
  schema: z.literal('run/v1'),
  runId: z.string(),
  dataset: z.string(),
  datasetVersion: z.number().int().positive(),
  trigger: z.enum(['blob', 'schedule', 'http']),
  traceId: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  createdAt: isoTime,
  endedAt: isoTime.optional(),
  /** `primaryMetric`: the explicit choice when queued; set to the metric used once training starts. */
  settings: z.object({ budgetSeconds: z.number(), primaryMetric: z.string().optional(), seed: z.number() }),
  stages: z.object({ train: stageSchema, deploy: stageSchema }),
  /** Trials so far (leaderboard rows), updated while training. */
  trials: z.array(z.record(z.string(), z.unknown())).default([]),
  modelVersion: z.number().int().positive().optional(),
  metrics: z.record(z.string(), z.number()).optional(),
  deployment: z.record(z.string(), z.unknown()).optional(),
  error: errorInfo.optional(),
});
export type Run = z.infer<typeof runSchema>;

export const activeRunSchema = z.object({
  schema: z.literal('active-run/v1'),
  dataset: z.string(),
  runId: z.string(),
  since: isoTime,
});

export const modelVersionSchema = z.object({
  schema: z.literal('model-version/v1'),
  dataset: z.string(),
  version: z.number().int().positive(),
  status: z.enum(['registering', 'ready']),
  runId: z.string(),
  createdAt: isoTime,
  task,
  target: z.string(),
  primaryMetric: z.string(),
  bestLearner: z.string().optional(),
  validation: z.record(z.string(), z.number()).default({}),
  artifactSha256: z.string().optional(),
  lineage: z.object({
    datasetVersion: z.number().int().positive(),
    datasetSha256: z.string(),
    seed: z.number(),
    budgetSeconds: z.number(),
    codeVersion: z.string(),
  }),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

export const modelClaimSchema = z.object({
  schema: z.literal('model-claim/v1'),
  runId: z.string(),
  version: z.number().int().positive(),
});

export const deploymentEventSchema = z.object({
  at: isoTime,
  action: z.enum(['promoted', 'champion-kept', 'manual']),
  modelVersion: z.number().int().positive(),
  previousVersion: z.number().int().positive().optional(),
  runId: z.string().optional(),
  challengerScore: z.number().optional(),
  championScore: z.number().optional(),
  metric: z.string().optional(),
  reason: z.string(),
});
export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;

export const deploymentSchema = z.object({
  schema: z.literal('deployment/v1'),
  dataset: z.string(),
  modelVersion: z.number().int().positive(),
  deployedAt: isoTime,
  history: z.array(deploymentEventSchema),
});
export type Deployment = z.infer<typeof deploymentSchema>;
