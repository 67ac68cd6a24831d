import { app, type HttpResponseInit } from '@azure/functions';
import { codeVersion } from '../lib/app/codeVersion';
import { appContext } from '../lib/app/instance';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';
import { openApiDocument } from '../lib/openapi/spec';
import type { DeployedModel } from '../lib/scoring/deployedModel';
import { scoring } from '../lib/scoring/instance';
import { telemetry } from '../lib/telemetry';

export async function openapi(): Promise<HttpResponseInit> {
  const { cache } = scoring();
  const models: DeployedModel[] = [];
  // Through the model cache: the document shows what this instance serves, and costs no artifact reads.
  for (const dataset of await appContext().datasets.datasets()) {
    // A model that cannot load is left out of the document (its score calls answer the error).
    const model = await cache.get(dataset).catch((err: unknown) => {
      telemetry().exception(err, { dataset, functionName: 'openapi' });
      return undefined;
    });
    if (model !== undefined) models.push(model);
  }
  return json(200, openApiDocument(models, { version: codeVersion() }));
}

app.http('openapi', {
  route: 'openapi.json',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: httpHandler(openapi),
});
