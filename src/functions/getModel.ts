import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { modelView } from '../lib/api/modelViews';
import { datasetParam } from '../lib/api/params';
import { appContext } from '../lib/app/instance';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';

export async function getModel(request: HttpRequest): Promise<HttpResponseInit> {
  return json(200, await modelView(appContext(), datasetParam(request.params['dataset'])));
}

app.http('getModel', {
  route: 'models/{dataset}',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(getModel),
});
