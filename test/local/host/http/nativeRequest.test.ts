import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import type { RequestBody } from '../../../../src/local/host/http/httpBody';
import { NativeRequest } from '../../../../src/local/host/http/nativeRequest';

const body = (text: string): RequestBody => ({
  buffered: true,
  tooLarge: () => false,
  read: async () => Buffer.from(text),
  stream: () => undefined,
});

const native = (text: string) =>
  new NativeRequest('http://127.0.0.1/api/x', 'POST', ['Content-Type', 'application/json'], body(text));

const request = (nativeRequest: NativeRequest) =>
  new HttpRequest({ nativeRequest, params: {} } as unknown as ConstructorParameters<typeof HttpRequest>[0]);

describe('NativeRequest', () => {
  it('serves HttpRequest its headers and a body read once, without a byte-order mark', async () => {
    const req = request(native('\ufeff{"n":1}'));
    expect(req.headers.get('content-type')).toBe('application/json');
    expect(await req.json()).toEqual({ n: 1 });
    expect(req.bodyUsed).toBe(true);
    await expect(req.text()).rejects.toThrow('Body is unusable');
  });

  it('lets go of headers and body once released (the response is written)', async () => {
    const nativeRequest = native('{}');
    const req = request(nativeRequest);
    expect(req.headers.get('content-type')).toBe('application/json');
    nativeRequest.release();
    expect(() => req.headers).toThrow('released');
    await expect(req.text()).rejects.toThrow('released');
    expect(req.url).toBe('http://127.0.0.1/api/x');
  });
});
