import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { isAppError } from '../errors';
import { telemetry } from '../telemetry';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'content-type': 'application/json', ...headers } };
}

/** A JSON answer the handler serialised itself: the same status, headers and bytes as `json` of its value. */
export function jsonText(status: number, text: string, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, body: text, headers: { 'content-type': 'application/json', ...headers } };
}

/**
 * Maps an error to its answer. User errors and dependency outages have their own status and a body
 * with field-level details; anything else is our fault: 500 with the invocation id, never a stack trace.
 */
export function errorResponse(err: unknown, context: InvocationContext): HttpResponseInit {
  if (isAppError(err) && (err.userFixable || err.retryable || err.status < 500)) {
    if (!err.userFixable) context.warn(`${err.code}: ${err.message}`);
    return json(err.status, { error: err.toJSON() });
  }
  telemetry().exception(err, { functionName: context.functionName, invocationId: context.invocationId });
  context.error(err);
  return json(500, {
    error: {
      code: 'internal_error',
      message: 'The server failed to handle the request',
      invocationId: context.invocationId,
    },
  });
}
