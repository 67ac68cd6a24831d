import { app, type InvocationContext } from '@azure/functions';
import { appContext } from '../lib/app/instance';
import { settings } from '../lib/config/settings';
import { registerDrop } from '../lib/pipeline/registerDrop';

/** Larger drops are quarantined with a clear error rather than half-read. */
const SIZE_LIMIT_BYTES = 2 * 1024 ** 3;

// The blob content binding is unused: the stage streams the blob itself, so memory stays flat.
export async function registerDataset(_blob: unknown, context: InvocationContext): Promise<void> {
  const dataset = String(context.triggerMetadata?.['dataset'] ?? '');
  const file = String(context.triggerMetadata?.['file'] ?? '');
  const s = settings();
  const outcome = await registerDrop(
    appContext(),
    { dataset, file },
    {
      budgetSeconds: s.AUTOML_TIME_BUDGET_SECONDS,
      sizeLimitBytes: SIZE_LIMIT_BYTES,
    },
  );
  context.log(`datasets/${dataset}/${file}: ${JSON.stringify(outcome)}`);
}

app.storageBlob('registerDataset', {
  path: 'datasets/{dataset}/{file}',
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  handler: registerDataset,
});
