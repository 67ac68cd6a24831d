import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { listDatasetsView } from '../lib/api/datasetViews';
import { appContext } from '../lib/app/instance';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';

export async function listDatasets(_request: HttpRequest): Promise<HttpResponseInit> {
  return json(200, await listDatasetsView(appContext()));
}

app.http('listDatasets', {
  route: 'datasets',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(listDatasets),
});
