import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { errorResponse } from './responses';

/** Wraps an HTTP handler so every error becomes a classified answer (the same in Azure and offline). */
export function httpHandler(
  fn: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): HttpHandler {
  return async (request, context) => {
    try {
      return await fn(request, context);
    } catch (err) {
      return errorResponse(err, context);
    }
  };
}
