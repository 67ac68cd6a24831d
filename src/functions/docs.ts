import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { notFound } from '../lib/errors';
import { httpHandler } from '../lib/http/handler';
import { docsPage, swaggerAsset } from '../lib/openapi/swaggerUi';

export async function docs(request: HttpRequest): Promise<HttpResponseInit> {
  const path = request.params['path'] ?? '';
  if (path === '' || path === 'index.html') {
    return {
      status: 200,
      body: docsPage('/api/openapi.json', '/api/docs'),
      headers: { 'content-type': 'text/html; charset=utf-8' },
    };
  }
  const file = swaggerAsset(path);
  if (file === undefined) notFound(`docs/${path}`);
  return {
    status: 200,
    body: file.body,
    headers: { 'content-type': file.contentType, 'cache-control': 'public, max-age=86400' },
  };
}

app.http('docs', {
  route: 'docs/{*path}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: httpHandler(docs),
});
