import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { appContext } from '../lib/app/instance';
import { notFound, userError } from '../lib/errors';
import { httpHandler } from '../lib/http/handler';
import { json } from '../lib/http/responses';
import { BatchJobStore } from '../lib/scoring/batch/jobStore';
import { batchJobView } from '../lib/scoring/batch/jobView';
import { isJobId } from '../lib/scoring/batch/request';

export async function getBatchJob(request: HttpRequest): Promise<HttpResponseInit> {
  const jobId = request.params['jobId'];
  if (!isJobId(jobId)) {
    throw userError('invalid_job_id', `'${jobId ?? ''}' is not a batch job id`, {
      details: [{ path: 'jobId', message: '8–100 lowercase letters, digits and dashes' }],
    });
  }
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
