import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { jobIdParam } from '../lib/api/params';
import { appContext } from '../lib/app/instance';
import { notFound } from '../lib/errors';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';
import { BatchJobStore } from '../lib/scoring/batch/jobStore';
import { batchJobView } from '../lib/scoring/batch/jobView';

export async function getBatchJob(request: HttpRequest): Promise<HttpResponseInit> {
  const jobId = jobIdParam(request.params['jobId']);
  const job = await new BatchJobStore(appContext().store).get(jobId);
  if (job === undefined) notFound(`batch job '${jobId}'`);
  return json(200, batchJobView(job.value));
}

app.http('getBatchJob', {
  route: 'batch/{jobId}',
  methods: ['GET'],
  authLevel: 'function',
  handler: httpHandler(getBatchJob),
});
