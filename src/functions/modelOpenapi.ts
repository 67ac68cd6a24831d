import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetParam } from '../lib/api/params';
import { codeVersion } from '../lib/app/codeVersion';
import { notFound } from '../lib/errors';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';
import { openApiDocument } from '../lib/openapi/spec';
import { scoring } from '../lib/scoring/instance';

export async function modelOpenapi(request: HttpRequest): Promise<HttpResponseInit> {
  const dataset = datasetParam(request.params['dataset']);
  // Through the model cache: the document shows the model this instance serves.
  const model = await scoring().cache.get(dataset);
  if (model === undefined) notFound(`A deployed model for '${dataset}'`);
  return json(200, openApiDocument([model], { version: codeVersion() }));
}

app.http('modelOpenapi', {
  route: 'models/{dataset}/openapi.json',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(modelOpenapi),
});
