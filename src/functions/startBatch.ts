import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetParam } from '../lib/api/params';
import { appContext } from '../lib/app/instance';
import { readJson } from '../lib/http/body';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';
import { createBatchJob } from '../lib/scoring/batch/createJob';
import { batchJobIds } from '../lib/scoring/batch/jobIds';
import { batchStatusUrl } from '../lib/scoring/batch/paths';
import { batchRequestSchema } from '../lib/scoring/batch/request';

export async function startBatch(request: HttpRequest): Promise<HttpResponseInit> {
  const dataset = datasetParam(request.params['dataset']);
  const body = await readJson(request, batchRequestSchema);
  const { job } = await createBatchJob(appContext(), {
    jobId: batchJobIds.forRequest(dataset),
    dataset,
    trigger: 'http',
    inputs: body.inputs,
    options: {
      includeProbabilities: body.includeProbabilities,
      ...(body.outputColumns === undefined ? {} : { outputColumns: body.outputColumns }),
    },
  });
  const statusUrl = batchStatusUrl(job.jobId);
  return json(202, { jobId: job.jobId, statusUrl }, { location: statusUrl });
}

app.http('startBatch', {
  route: 'models/{dataset}/batch',
  methods: ['POST'],
  authLevel: 'function',
  handler: httpHandler(startBatch),
});
