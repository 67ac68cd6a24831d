import { z } from 'zod';
import { classificationMetrics, type PrimaryMetricDefaults, regressionMetrics } from '../automl/metrics';
import { userError } from '../errors';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const metricOf = (metrics: readonly { name: string }[], fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((m) => metrics.some((x) => x.name === m), { message: `one of ${metrics.map((x) => x.name).join(', ')}` });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

/**
 * Every app setting the code reads, validated once. Names are the Azure app-setting names so the same
 * document describes local.settings.json, the portal and `az functionapp config appsettings`.
 */
export const settingsSchema = z.object({
  AzureWebJobsStorage: optionalString,
  AzureWebJobsStorage__accountName: optionalString,
  AzureWebJobsStorage__blobServiceUri: optionalString,
  ServiceBusConnection: optionalString,
  ServiceBusConnection__fullyQualifiedNamespace: optionalString,
  RETRAIN_SCHEDULE: z.string().default('0 0 */4 * * *'),
  RETRAIN_POLICY: z.enum(['always', 'new-data']).default('new-data'),
  AUTOML_TIME_BUDGET_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** The classification default; a run or automl.json naming a metric overrides it. */
  AUTOML_PRIMARY_METRIC: metricOf(classificationMetrics, 'AUC_weighted'),
  AUTOML_REGRESSION_PRIMARY_METRIC: metricOf(regressionMetrics, 'r2_score'),
  DEPLOY_MIN_IMPROVEMENT: z.coerce.number().min(0).default(0),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString,
  SEED_DEMO: boolish.default(true),
  LOCAL_FUNCTION_KEY: optionalString,
});

export type Settings = z.infer<typeof settingsSchema>;

/** Parses settings from an environment; a bad value is a user error naming the setting. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const result = settingsSchema.safeParse(env);
  if (!result.success) {
    throw userError('invalid_settings', 'App settings are invalid', {
      details: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      hint: 'Fix the named app settings (local.settings.json Values, or the Function App configuration).',
    });
  }
  return result.data;
}

/** The per-task default primary metrics these settings name. */
export function primaryMetricDefaults(s: Settings): PrimaryMetricDefaults {
  return { classification: s.AUTOML_PRIMARY_METRIC, regression: s.AUTOML_REGRESSION_PRIMARY_METRIC };
}

let cached: Settings | undefined;

/** Settings of this process, read once from `process.env`. */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}

/** Tests and the offline host change the environment; they reset the cache explicitly. */
export function resetSettingsCache(): void {
  cached = undefined;
}
