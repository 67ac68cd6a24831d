import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { listModelsView } from '../lib/api/modelViews';
import { appContext } from '../lib/app/instance';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';

export async function listModels(_request: HttpRequest): Promise<HttpResponseInit> {
  return json(200, await listModelsView(appContext()));
}

app.http('listModels', { route: 'models', methods: ['GET'], authLevel: 'function', handler: httpHandler(listModels) });
