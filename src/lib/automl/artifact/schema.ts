import { z } from 'zod';

/** Bumped whenever a stored artifact's meaning changes; loading refuses any other version. */
export const ARTIFACT_FORMAT_VERSION = 1;

export const inputColumnSchema = z.object({
  name: z.string(),
  type: z.enum(['integer', 'float', 'boolean', 'categorical', 'text', 'datetime']),
  categories: z.array(z.string()).optional(),
});

export const memberSchema = z.object({
  learner: z.string(),
  weight: z.number().positive(),
  /** The learner's own JSON (validated by `LearnerSpec.load`). */
  model: z.unknown(),
});

export const artifactSchema = z.object({
  formatVersion: z.literal(ARTIFACT_FORMAT_VERSION),
  task: z.enum(['binary', 'multiclass', 'regression']),
  target: z.string(),
  classes: z.array(z.string()).optional(),
  inputSchema: z.array(inputColumnSchema),
  /** Validated by `loadFeaturizer`. */
  featurizer: z.unknown(),
  members: z.array(memberSchema).min(1),
  /** Binary only: positive-class probability at which a row is labelled positive (argmax when absent). */
  threshold: z.number().min(0).max(1).optional(),
  createdWith: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** sha256 of the canonical JSON of every other field. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type Artifact = z.infer<typeof artifactSchema>;
export type ArtifactMember = z.infer<typeof memberSchema>;
