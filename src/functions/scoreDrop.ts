import { app, type InvocationContext } from '@azure/functions';
import { appContext } from '../lib/app/instance';
import { startDropJob } from '../lib/scoring/batch/dropJob';

// The blob content binding is unused: the batch worker streams the blob itself, so memory stays flat.
export async function scoreDrop(_blob: unknown, context: InvocationContext): Promise<void> {
  const dataset = String(context.triggerMetadata?.['dataset'] ?? '');
  const file = String(context.triggerMetadata?.['file'] ?? '');
  const properties = context.triggerMetadata?.['properties'] as { etag?: unknown } | undefined;
  const etag = typeof properties?.etag === 'string' ? properties.etag : undefined;
  const outcome = await startDropJob(appContext(), { dataset, file, ...(etag === undefined ? {} : { etag }) });
  context.log(`scoring-inputs/${dataset}/${file}: ${JSON.stringify(outcome)}`);
}

app.storageBlob('scoreDrop', {
  path: 'scoring-inputs/{dataset}/{file}',
  connection: 'AzureWebJobsStorage',
  source: 'EventGrid',
  handler: scoreDrop,
});
