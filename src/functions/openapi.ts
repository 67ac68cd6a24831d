import { app, type HttpResponseInit } from '@azure/functions';
import { httpHandler } from '../lib/http/handler';
import { jsonText } from '../lib/http/responses';
import { publicDocument } from '../lib/openapi/instance';

export async function openapi(): Promise<HttpResponseInit> {
  return jsonText(200, await publicDocument().json());
}

app.http('openapi', {
  route: 'openapi.json',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: httpHandler(openapi),
});
