import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { userError } from '../../errors';

/**
 * One typed object configures an AutoML job (FLAML's 55-argument `fit` is the cautionary tale). Names follow
 * Azure AutoML's job settings where one exists; everything but the target has a default.
 */
export const autoMLSettingsSchema = z
  .object({
    target: z.string().min(1),
    /** Inferred from the target column when absent. */
    task: z.enum(['binary', 'multiclass', 'regression']).optional(),
    /** Azure metric name; default AUC_weighted for classification, r2_score for regression. */
    primaryMetric: z.string().min(1).optional(),
    /** The exit criterion: search, ensembling and the final refit all end inside it. */
    timeBudgetSeconds: z.number().positive().max(86_400).default(60),
    maxTrials: z.number().int().positive().optional(),
    /** Default: the machine's CPU count. 1 runs trials in this thread, in a reproducible order. */
    maxConcurrentTrials: z.number().int().min(1).max(64).optional(),
    allowedModels: z.array(z.string().min(1)).min(1).optional(),
    blockedModels: z.array(z.string().min(1)).default([]),
    validation: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('auto') }),
        z.object({ kind: z.literal('cv'), folds: z.number().int().min(2).max(20) }),
        z.object({ kind: z.literal('holdout'), fraction: z.number().gt(0).lt(1) }),
      ])
      .default({ kind: 'auto' }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    /** Stop the search after this many finished trials without a better score. */
    earlyStopTrials: z.number().int().positive().optional(),
    /** `auto` weights classes only when the primary metric rewards every class equally and classes are skewed. */
    classBalancing: z.enum(['auto', 'none', 'balanced']).default('auto'),
    ensembles: z.boolean().default(true),
    /** Columns never used as features (IDs, leaks). */
    drop: z.array(z.string()).default([]),
  })
  .strict();

export type AutoMLSettingsInput = z.input<typeof autoMLSettingsSchema>;
export type AutoMLSettings = z.output<typeof autoMLSettingsSchema> & { readonly maxConcurrentTrials: number };

/** Validates job settings once; a bad value is a user error naming the field. */
export function parseAutoMLSettings(input: unknown): AutoMLSettings {
  const result = autoMLSettingsSchema.safeParse(input);
  if (!result.success) {
    throw userError('invalid_automl_settings', 'AutoML settings are invalid', {
      details: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      hint: 'See AutoMLSettings in src/lib/automl/run/settings.ts for the accepted fields.',
    });
  }
  return { ...result.data, maxConcurrentTrials: result.data.maxConcurrentTrials ?? availableParallelism() };
}
