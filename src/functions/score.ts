import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { datasetParam } from '../lib/api/params';
import { notFound, userError } from '../lib/errors';
import { httpHandler } from '../lib/http/handler';
import { jsonText } from '../lib/http/responses';
import { scoring } from '../lib/scoring/instance';
import { parseScoreRequest, scoreRows } from '../lib/scoring/scoreRequest';

export async function score(request: HttpRequest): Promise<HttpResponseInit> {
  const dataset = datasetParam(request.params['dataset']);
  const { cache, limits } = scoring();
  // Refuse an announced oversized body before reading it.
  if (Number(request.headers.get('content-length') ?? 0) > limits.maxBodyBytes) {
    throw userError('body_too_large', `The request body is over ${limits.maxBodyBytes} bytes.`, { status: 413 });
  }
  const model = await cache.get(dataset);
  if (model === undefined) {
    notFound(
      `A deployed model for '${dataset}'`,
      `Train one: upload a CSV to the datasets container as ${dataset}/<file>.csv, or POST /api/pipelines/${dataset}/runs for a registered dataset; the best model is deployed when the run ends.`,
    );
  }
  const text = scoreRows(model, parseScoreRequest(await request.text(), limits));
  return jsonText(200, text, { 'x-model-version': String(model.version) });
}

app.http('score', {
  route: 'models/{dataset}/score',
  methods: ['POST'],
  authLevel: 'function',
  handler: httpHandler(score),
});
