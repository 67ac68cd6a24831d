import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/lib/errors';
import { readJson } from '../../../src/lib/http/body';
import { httpHandler } from '../../../src/lib/http/handler';

const schema = z.object({ version: z.number().int().positive() });

function post(body: string): HttpRequest {
  return new HttpRequest({ method: 'POST', url: 'http://localhost/api/x', body: { string: body } });
}

async function failure(body: string, limitBytes?: number): Promise<AppError> {
  try {
    await readJson(post(body), schema, limitBytes === undefined ? {} : { limitBytes });
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('readJson', () => {
  it('returns the validated body', async () => {
    expect(await readJson(post('{"version":3}'), schema)).toEqual({ version: 3 });
  });

  it('names the JSON parse error with 400', async () => {
    const err = await failure('{"version":');
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_json');
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('lists each invalid field with 400', async () => {
    const err = await failure('{"version":-1}');
    expect(err.code).toBe('invalid_request');
    expect(err.details).toEqual([{ path: 'version', message: expect.stringMatching(/>0|greater/i) }]);
  });

  it('refuses a body over the limit with 413', async () => {
    expect((await failure(JSON.stringify({ version: 1, pad: 'x'.repeat(100) }), 50)).status).toBe(413);
  });

  it('treats an empty optional body as {}', async () => {
    const optional = z.object({ budget: z.number().optional() });
    expect(await readJson(post(''), optional, { optional: true })).toEqual({});
  });
});

describe('httpHandler', () => {
  const context = new InvocationContext({ invocationId: 'inv-1', functionName: 'f', logHandler: () => {} });

  it('answers a user error with its status and details', async () => {
    const handler = httpHandler(async (request) => ({ jsonBody: await readJson(request, schema) }));
    const response = await handler(post('nope'), context);
    expect(response).toMatchObject({ status: 400, jsonBody: { error: { code: 'invalid_json' } } });
  });

  it('answers an unexpected error with 500, the invocation id and no stack trace', async () => {
    const handler = httpHandler(async () => {
      throw new TypeError('x is undefined');
    });
    const response = (await handler(post(''), context)) as { status: number; jsonBody: unknown };
    expect(response.status).toBe(500);
    expect(response.jsonBody).toEqual({
      error: { code: 'internal_error', message: 'The server failed to handle the request', invocationId: 'inv-1' },
    });
  });
});
