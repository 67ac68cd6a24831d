import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { errorResponse } from './responses';

/** Wraps an HTTP handler so every error becomes a classified answer (the same in Azure and offline). */
export function httpHandler(
  fn: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): HttpHandler {
  // A promise chain rather than an async wrapper: one await less on every request.
  return (request, context) => {
    try {
      return fn(request, context).catch((err: unknown) => errorResponse(err, context));
    } catch (err) {
      return Promise.resolve(errorResponse(err, context));
    }
  };
}
