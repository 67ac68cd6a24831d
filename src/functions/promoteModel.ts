import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetParam } from '../lib/api/params';
import { appContext } from '../lib/app/instance';
import { readJson } from '../lib/http/body';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';
import { promoteModel as promote, promoteRequestSchema } from '../lib/scoring/promote';

export async function promoteModel(request: HttpRequest): Promise<HttpResponseInit> {
  const dataset = datasetParam(request.params['dataset']);
  const body = await readJson(request, promoteRequestSchema);
  return json(200, await promote(appContext(), dataset, body));
}

app.http('promoteModel', {
  route: 'models/{dataset}/deploy',
  methods: ['POST'],
  authLevel: 'function',
  handler: httpHandler(promoteModel),
});
