import { z } from 'zod';

/** Bumped whenever a stored artifact's meaning changes; this build writes this version. */
export const ARTIFACT_FORMAT_VERSION = 2;

/** Versions this build reads: v1 artifacts (no nullability, no example) still serve, with their dataset's help. */
export const READABLE_ARTIFACT_VERSIONS: readonly number[] = [1, 2];

const inputColumnV1Schema = z.object({
  name: z.string(),
  type: z.enum(['integer', 'float', 'boolean', 'categorical', 'text', 'datetime']),
  categories: z.array(z.string()).optional(),
});

export const inputColumnSchema = inputColumnV1Schema.extend({
  /** The column may be missing (null) at scoring: its dataset version had missing values there. */
  nullable: z.boolean(),
});

const exampleCellSchema = z.union([z.string(), z.number(), z.null()]);

/**
 * One input row as the scoring endpoint takes it: numbers, strings, ISO date-times, null for missing. Checked
 * in place rather than by z.record, which copies the row and drops a column named `__proto__`.
 */
export const exampleRowSchema = z.custom<Record<string, string | number | null>>(
  (row) =>
    typeof row === 'object' &&
    row !== null &&
    !Array.isArray(row) &&
    Object.values(row).every((cell) => exampleCellSchema.safeParse(cell).success),
  'expected a row of strings, numbers and nulls',
);

export const memberSchema = z.object({
  learner: z.string(),
  weight: z.number().positive(),
  /** The learner's own JSON (validated by `LearnerSpec.load`). */
  model: z.unknown(),
});

const common = {
  task: z.enum(['binary', 'multiclass', 'regression']),
  target: z.string(),
  classes: z.array(z.string()).optional(),
  /** Validated by `loadFeaturizer`. */
  featurizer: z.unknown(),
  members: z.array(memberSchema).min(1),
  /** Binary only: positive-class probability at which a row is labelled positive (argmax when absent). */
  threshold: z.number().min(0).max(1).optional(),
  createdWith: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** sha256 of the canonical JSON of every other field. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
};

export const artifactV1Schema = z.object({
  formatVersion: z.literal(1),
  ...common,
  inputSchema: z.array(inputColumnV1Schema),
});

/** v2: the artifact describes its inputs itself, so a model serves, exports or moves without its dataset. */
export const artifactV2Schema = z.object({
  formatVersion: z.literal(ARTIFACT_FORMAT_VERSION),
  ...common,
  inputSchema: z.array(inputColumnSchema),
  /** The first rows the model was trained on, input columns only: the documented example payload. */
  example: z.array(exampleRowSchema),
});

export const storedArtifactSchema = z.discriminatedUnion('formatVersion', [artifactV1Schema, artifactV2Schema]);

/** What this build writes. */
export type Artifact = z.infer<typeof artifactV2Schema>;
/** What this build reads: the current format or an older one. */
export type StoredArtifact = z.infer<typeof storedArtifactSchema>;
export type ArtifactMember = z.infer<typeof memberSchema>;
