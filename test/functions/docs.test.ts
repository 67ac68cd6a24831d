import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { docs } from '../../src/functions/docs';
import { httpHandler } from '../../src/lib/http/handler';
import { setTelemetry, type Telemetry } from '../../src/lib/telemetry';

const handler = httpHandler(docs);

afterEach(() => setTelemetry(undefined));

describe('GET /api/docs/{*path}', () => {
  it('answers 404 for names of Object.prototype, logging no exception', async () => {
    const exceptions: unknown[] = [];
    const errors: unknown[] = [];
    setTelemetry({
      event() {},
      metric() {},
      exception: (e) => void exceptions.push(e),
      flush: async () => {},
    } as Telemetry);
    for (const path of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
      const request = new HttpRequest({ method: 'GET', url: `http://localhost/api/docs/${path}`, params: { path } });
      const context = new InvocationContext({
        functionName: 'docs',
        logHandler: (level, ...args) => {
          if (level === 'error') errors.push(args);
        },
      });
      const response = await handler(request, context);
      expect(response?.status, path).toBe(404);
    }
    expect(exceptions).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('still serves the page and its assets', async () => {
    const context = new InvocationContext({ functionName: 'docs', logHandler: () => {} });
    for (const path of ['', 'swagger-ui.css', 'favicon-16x16.png']) {
      const request = new HttpRequest({ method: 'GET', url: `http://localhost/api/docs/${path}`, params: { path } });
      expect((await handler(request, context))?.status, path).toBe(200);
    }
  });
});
