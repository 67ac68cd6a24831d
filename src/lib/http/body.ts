import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { userError } from '../errors';

/** Default cap for JSON bodies the app parses itself (scoring has its own, larger limit). */
export const DEFAULT_JSON_LIMIT = 1024 * 1024;

/** Reads and validates a JSON body: 413 over the limit, 400 naming the parse error or each invalid field. */
export async function readJson<S extends z.ZodType>(
  request: HttpRequest,
  schema: S,
  options: { limitBytes?: number; optional?: boolean } = {},
): Promise<z.infer<S>> {
  const text = await request.text();
  const limit = options.limitBytes ?? DEFAULT_JSON_LIMIT;
  if (Buffer.byteLength(text) > limit) {
    throw userError('body_too_large', `request body is over ${limit} bytes`, { status: 413 });
  }
  let value: unknown;
  if (text.trim() === '' && options.optional === true) value = {};
  else {
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw userError('invalid_json', `request body is not valid JSON: ${(err as Error).message}`, {
        hint: 'Send a JSON document with content-type application/json.',
      });
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw userError('invalid_request', 'request body is invalid', {
      details: result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
    });
  }
  return result.data;
}
