import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetParam } from '../lib/api/params';
import { listRunsView } from '../lib/api/runViews';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';
import { pipeline } from '../lib/runtime/pipeline';

export async function listPipelineRuns(request: HttpRequest): Promise<HttpResponseInit> {
  return json(200, await listRunsView(pipeline(), datasetParam(request.params['dataset'])));
}

app.http('listPipelineRuns', {
  route: 'pipelines/{dataset}/runs',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(listPipelineRuns),
});
