import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetParam } from '../lib/api/params';
import { runStatusUrl } from '../lib/api/runViews';
import { startRunBodySchema } from '../lib/api/startRunRequest';
import { appContext } from '../lib/app/instance';
import { metricByName } from '../lib/automl/metrics';
import { settings } from '../lib/config/settings';
import { readJson } from '../lib/http/body';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';
import { runIds } from '../lib/pipeline/ids';
import { startRun } from '../lib/pipeline/startRun';

export async function startPipelineRun(request: HttpRequest): Promise<HttpResponseInit> {
  const dataset = datasetParam(request.params['dataset']);
  const body = await readJson(request, startRunBodySchema, { optional: true });
  if (body.metric !== undefined) metricByName(body.metric);
  const result = await startRun(appContext(), {
    runId: runIds.forRequest(dataset),
    dataset,
    ...(body.version === undefined ? {} : { version: body.version }),
    trigger: 'http',
    budgetSeconds: body.budget ?? settings().AUTOML_TIME_BUDGET_SECONDS,
    ...(body.metric === undefined ? {} : { primaryMetric: body.metric }),
    ...(body.seed === undefined ? {} : { seed: body.seed }),
    exclusive: true,
  });
  if (!result.started) {
    return json(409, {
      error: {
        code: 'run_active',
        message: `run ${result.activeRunId} of '${dataset}' is still active`,
        activeRunId: result.activeRunId,
        statusUrl: runStatusUrl(dataset, result.activeRunId),
      },
    });
  }
  const statusUrl = runStatusUrl(dataset, result.run.runId);
  return json(202, { runId: result.run.runId, statusUrl }, { location: statusUrl });
}

app.http('startPipelineRun', {
  route: 'pipelines/{dataset}/runs',
  methods: ['POST'],
  authLevel: 'function',
  handler: httpHandler(startPipelineRun),
});
