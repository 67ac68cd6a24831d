import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetParam, runIdParam } from '../lib/api/params';
import { runView } from '../lib/api/runViews';
import { appContext } from '../lib/app/instance';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';

export async function getPipelineRun(request: HttpRequest): Promise<HttpResponseInit> {
  const dataset = datasetParam(request.params['dataset']);
  return json(200, await runView(appContext(), dataset, runIdParam(request.params['runId'])));
}

app.http('getPipelineRun', {
  route: 'pipelines/{dataset}/runs/{runId}',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(getPipelineRun),
});
