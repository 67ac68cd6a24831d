import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetView } from '../lib/api/datasetViews';
import { datasetParam } from '../lib/api/params';
import { appContext } from '../lib/app/instance';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';

export async function getDataset(request: HttpRequest): Promise<HttpResponseInit> {
  return json(200, await datasetView(appContext(), datasetParam(request.params['dataset'])));
}

app.http('getDataset', {
  route: 'datasets/{dataset}',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(getDataset),
});
