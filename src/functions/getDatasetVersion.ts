import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetVersionView } from '../lib/api/datasetViews';
import { datasetParam, versionParam } from '../lib/api/params';
import { appContext } from '../lib/app/instance';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';

export async function getDatasetVersion(request: HttpRequest): Promise<HttpResponseInit> {
  const dataset = datasetParam(request.params['dataset']);
  return json(200, await datasetVersionView(appContext(), dataset, versionParam(request.params['v'])));
}

app.http('getDatasetVersion', {
  route: 'datasets/{dataset}/versions/{v}',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(getDatasetVersion),
});
