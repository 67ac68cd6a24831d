import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningHost, startHost } from '../../../../src/local/host/host';

const KEY = 'test-key-123';

describe('offline host: HTTP triggers', () => {
  let host: RunningHost;
  const errors: string[] = [];
  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    host = await startHost({
      files: [join(__dirname, '..', 'fixtures', 'httpApp.js')],
      appDir: join(__dirname, '..', '..', '..', '..'),
      port: 0,
      functionKey: KEY,
      maxBodyBytes: 64 * 1024,
      log: (level, message) => {
        if (level === 'error') errors.push(message);
      },
    });
  });
  afterAll(() => host.stop());

  const call = (path: string, init?: RequestInit) => fetch(host.baseUrl + path, init);

  it('refuses function-level routes without the key or with a wrong one', async () => {
    const missing = await call('/api/echo/d/1');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 'unauthorized' });
    expect((await call('/api/echo/d/1', { headers: { 'x-functions-key': 'nope' } })).status).toBe(401);
    expect((await call('/api/echo/d/1?code=nope')).status).toBe(401);
    expect((await call('/api/size', { method: 'POST', body: 'x' })).status).toBe(401);
  });

  it('runs the handler with the key in the header or in ?code, with route params and query', async () => {
    const viaHeader = await call('/api/echo/bank%20marketing/3?x=1', { headers: { 'x-functions-key': KEY } });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.headers.get('content-type')).toBe('application/json');
    const body = (await viaHeader.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      params: { dataset: 'bank marketing', v: '3' },
      query: { x: '1' },
      method: 'GET',
      functionName: 'echo',
    });
    expect(body['invocationId']).toMatch(/^[0-9a-f-]{36}$/);
    const viaCode = await call(`/api/ECHO/d/1?code=${KEY}`, { method: 'POST', body: 'hello' });
    expect(await viaCode.json()).toMatchObject({ method: 'POST', body: 'hello', params: { dataset: 'd', v: '1' } });
  });

  it('lets anonymous routes through, with optional parameters and HttpResponse results', async () => {
    const named = await call('/api/open/ann');
    expect(named.status).toBe(201);
    expect(await named.text()).toBe('hello ann');
    expect(await (await call('/api/open')).text()).toBe('hello nobody');
  });

  it('answers unknown routes 404 and wrong methods 405, as JSON', async () => {
    for (const path of ['/api/nothing', '/nothing', '/api/echo/too/many/parts', '/apiecho/d/1']) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'not_found' });
    }
    const wrong = await call('/api/open/ann', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(await wrong.json()).toMatchObject({ code: 'method_not_allowed' });
  });

  it('answers a throwing handler 500 with the invocation id and no stack trace, and keeps serving', async () => {
    const res = await call('/api/boom', { method: 'POST' });
    expect(res.status).toBe(500);
    const text = await res.text();
    const body = JSON.parse(text) as { invocationId: string };
    expect(body.invocationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(text).not.toContain('secret internals');
    expect(text).not.toContain('httpApp.js');
    expect(errors.some((e) => e.includes(body.invocationId) && e.includes('secret internals'))).toBe(true);
    expect((await call('/api/open')).status).toBe(201);
  });

  it('answers 413 to a body over the limit, declared or streamed, and keeps serving', async () => {
    const declared = await call(`/api/size?code=${KEY}`, { method: 'POST', body: Buffer.alloc(64 * 1024 + 1) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'payload_too_large' });
    expect(await chunkedPost(`/api/size?code=${KEY}`, 48 * 1024)).toEqual({ status: 200, body: '{"bytes":49152}' });
    expect((await chunkedPost(`/api/size?code=${KEY}`, 80 * 1024)).status).toBe(413);
    const fits = await call(`/api/size?code=${KEY}`, { method: 'POST', body: Buffer.alloc(64 * 1024) });
    expect(await fits.json()).toEqual({ bytes: 64 * 1024 });
  });

  it('answers every handler result shape as new HttpResponse(result) would', async () => {
    const { HttpResponse } = await import('@azure/functions');
    const { shapes } = require(join(__dirname, '..', 'fixtures', 'httpApp.js')) as {
      shapes: Record<string, () => unknown>;
    };
    for (const [kind, make] of Object.entries(shapes)) {
      const made = make();
      const expected = made instanceof HttpResponse ? made : new HttpResponse((made ?? {}) as never);
      const res = await call(`/api/shape/${kind}`);
      expect(res.status, kind).toBe(expected.status);
      expect(res.headers.get('content-type'), kind).toBe(expected.headers.get('content-type'));
      expect(res.headers.get('x-extra'), kind).toBe(expected.headers.get('x-extra'));
      expect(Buffer.from(await res.arrayBuffer()).toString('hex'), kind).toBe(
        Buffer.from(await expected.arrayBuffer()).toString('hex'),
      );
    }
    const cookie = await call('/api/shape/text');
    expect(cookie.headers.getSetCookie()).toEqual(['sid=a%20b; Path=/; HttpOnly']);
  });

  it('hands the handler the request headers and a JSON body read once', async () => {
    const res = await call('/api/headers', {
      method: 'POST',
      headers: { 'x-custom': 'v', 'content-type': 'application/json' },
      body: '\ufeff{"n":1}',
    });
    expect(await res.json()).toEqual({ custom: 'v', json: { n: 1 }, used: true });
  });

  it('reads each body whole when requests share a packet or a body comes after its headers', async () => {
    const post = (body: string) =>
      `POST /api/echo/d/1 HTTP/1.1\r\nhost: x\r\nx-functions-key: ${KEY}\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
    const socket = connect(host.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    const answers = (n: number) => vi.waitFor(() => expect(received.split('HTTP/1.1 200').length - 1).toBe(n));
    socket.write(post('first') + post('second body') + post('third'));
    await answers(3);
    const late = post('late body');
    socket.write(late.slice(0, -4));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(late.slice(-4));
    await answers(4);
    socket.end();
    const bodies = [...received.matchAll(/"body":"([^"]*)"/g)].map((m) => m[1]);
    expect(bodies).toEqual(['first', 'second body', 'third', 'late body']);
  });

  /** A chunked upload without content-length: the limit must hold while streaming. */
  function chunkedPost(path: string, bytes: number): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(host.baseUrl + path, { method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      // Only a failure before any answer counts: the server may close once it has sent its 413.
      let answered = false;
      req.on('response', () => {
        answered = true;
      });
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      for (let sent = 0; sent < bytes; sent += 16 * 1024) req.write(Buffer.alloc(16 * 1024));
      req.end();
    });
  }
});
