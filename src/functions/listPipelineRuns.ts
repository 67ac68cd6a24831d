import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetParam } from '../lib/api/params';
import { listRunsView } from '../lib/api/runViews';
import { appContext } from '../lib/app/instance';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';

export async function listPipelineRuns(request: HttpRequest): Promise<HttpResponseInit> {
  return json(200, await listRunsView(appContext(), datasetParam(request.params['dataset'])));
}

app.http('listPipelineRuns', {
  route: 'pipelines/{dataset}/runs',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(listPipelineRuns),
});
