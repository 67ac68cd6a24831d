import { z } from 'zod';
import { classificationMetrics, regressionMetrics } from '../../automl/metrics';
import { userError } from '../../errors';

// The metric registry is the one list of names: a metric added there is accepted here.
const CLASSIFICATION_METRICS = classificationMetrics.map((m) => m.name);
const REGRESSION_METRICS = regressionMetrics.map((m) => m.name);
const METRICS = [...CLASSIFICATION_METRICS, ...REGRESSION_METRICS];

const modelList = z.array(z.string().min(1)).min(1);

/**
 * `datasets/{dataset}/automl.json`: what to predict and how to search. Versioned so a later format can be
 * told apart; unknown keys are refused (a typo must not be silently ignored).
 */
export const automlConfigSchema = z
  .strictObject({
    version: z.literal(1).default(1),
    target: z.string().min(1).optional(),
    task: z.enum(['binary', 'multiclass', 'regression']).optional(),
    primaryMetric: z
      .string()
      .refine((m) => METRICS.includes(m), { message: `one of ${METRICS.join(', ')}` })
      .optional(),
    budgetSeconds: z.number().int().min(1).max(86_400).optional(),
    allowedModels: modelList.optional(),
    blockedModels: modelList.optional(),
    autoTrain: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    const both = (c.allowedModels ?? []).filter((m) => c.blockedModels?.includes(m));
    if (both.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['blockedModels'],
        message: `both allowed and blocked: ${both.join(', ')}`,
      });
    }
    if (c.task !== undefined && c.primaryMetric !== undefined) {
      const fits =
        c.task === 'regression'
          ? REGRESSION_METRICS.includes(c.primaryMetric)
          : CLASSIFICATION_METRICS.includes(c.primaryMetric);
      if (!fits) {
        ctx.addIssue({ code: 'custom', path: ['primaryMetric'], message: `not a ${c.task} metric` });
      }
    }
  });

export type AutomlConfig = z.infer<typeof automlConfigSchema>;

/** Validates automl.json, given as its text or already parsed; a bad one is a user error naming each field. */
export function parseAutomlConfig(input: unknown): AutomlConfig {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw userError('invalid_config', 'automl.json is not valid JSON.', {
        details: [{ path: 'automl.json', message: err instanceof Error ? err.message : String(err) }],
        hint: 'Fix the JSON syntax (a validator or `jq . automl.json` shows where).',
      });
    }
  }
  const parsed = automlConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw userError('invalid_config', 'automl.json does not match the expected format.', {
    details: parsed.error.issues.map((i) => ({
      path: i.path.length === 0 ? 'automl.json' : i.path.join('.'),
      message: i.message,
    })),
    hint: 'Allowed keys: version (1), target, task (binary|multiclass|regression), primaryMetric, budgetSeconds, allowedModels, blockedModels, autoTrain.',
  });
}
