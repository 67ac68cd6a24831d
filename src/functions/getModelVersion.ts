import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { modelVersionView } from '../lib/api/modelViews';
import { datasetParam, versionParam } from '../lib/api/params';
import { appContext } from '../lib/app/instance';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';

export async function getModelVersion(request: HttpRequest): Promise<HttpResponseInit> {
  const dataset = datasetParam(request.params['dataset']);
  return json(200, await modelVersionView(appContext(), dataset, versionParam(request.params['v'])));
}

app.http('getModelVersion', {
  route: 'models/{dataset}/versions/{v}',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(getModelVersion),
});
