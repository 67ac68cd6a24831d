import { ReadableStream } from 'node:stream/web';
import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { HostHttpRequest } from '../../../../src/local/host/http/hostHttpRequest';
import type { RequestBody } from '../../../../src/local/host/http/httpBody';
import { NativeRequest } from '../../../../src/local/host/http/nativeRequest';

const body = (text: string): RequestBody => ({
  buffered: true,
  tooLarge: () => false,
  read: async () => Buffer.from(text),
  stream: () => ReadableStream.from([Buffer.from(text)]),
});

const native = (url: string, text = '{"n":1}', headers: string[] = ['Content-Type', 'application/json']) =>
  new NativeRequest(url, 'POST', headers, body(text));

/** What the host built before: the library's own HttpRequest over the same native request. */
const library = (nativeRequest: NativeRequest, params: Record<string, string>) =>
  new HttpRequest({
    nativeRequest,
    params,
    ...(nativeRequest.url.includes('?') ? {} : { query: {} }),
  } as unknown as ConstructorParameters<typeof HttpRequest>[0]);

const principal = Buffer.from(JSON.stringify({ auth_typ: 'aad', claims: [] })).toString('base64');
const userHeaders = [
  'x-ms-client-principal',
  principal,
  'x-ms-client-principal-id',
  'u-1',
  'x-ms-client-principal-name',
  'ann@example.com',
  'x-ms-client-principal-idp',
  'aad',
];

describe('HostHttpRequest', () => {
  it('is an HttpRequest and answers every member of the library class itself', () => {
    const req = new HostHttpRequest(native('http://127.0.0.1/api/x'), {});
    expect(req).toBeInstanceOf(HttpRequest);
    // A member the library adds later must be answered here too, or it would throw on this object.
    const own = Object.getOwnPropertyNames(HostHttpRequest.prototype);
    for (const name of Object.getOwnPropertyNames(HttpRequest.prototype)) expect(own).toContain(name);
  });

  it('reads as the library request over the same native request', async () => {
    for (const url of ['http://127.0.0.1/api/x', 'http://127.0.0.1/api/x?code=k&a=1&a=2']) {
      for (const params of [{}, { dataset: 'bank' }] as Record<string, string>[]) {
        const ours = new HostHttpRequest(native(url, '\ufeff{"n":1}', userHeaders), params);
        const theirs = library(native(url, '\ufeff{"n":1}', userHeaders), params);
        expect([ours.url, ours.method, ours.params]).toEqual([theirs.url, theirs.method, theirs.params]);
        expect([...ours.query]).toEqual([...theirs.query]);
        expect(ours.headers.get('X-MS-Client-Principal-Id')).toBe(theirs.headers.get('x-ms-client-principal-id'));
        expect(ours.user).toEqual(theirs.user);
        expect(ours.bodyUsed).toBe(false);
        expect(await ours.json()).toEqual(await theirs.json());
        expect(ours.bodyUsed).toBe(true);
        await expect(ours.text()).rejects.toThrow('Body is unusable');
      }
    }
    // Empty params are a fresh object, as the library makes them; given ones are kept.
    const given = { dataset: 'bank' };
    expect(new HostHttpRequest(native('http://127.0.0.1/api/x'), given).params).toBe(given);
    expect(new HostHttpRequest(native('http://127.0.0.1/api/x'), {}).user).toBeNull();
  });

  it('reads text and bytes, clones as the library does, and rejects (never throws) once released', async () => {
    expect(await new HostHttpRequest(native('http://127.0.0.1/api/x', 'héllo'), {}).text()).toBe('héllo');
    const bytes = await new HostHttpRequest(native('http://127.0.0.1/api/x', 'abc'), {}).arrayBuffer();
    expect(Buffer.from(bytes).toString()).toBe('abc');
    const clone = new HostHttpRequest(native('http://127.0.0.1/api/x?a=1', 'abc'), { p: 'v' }).clone();
    expect(clone).toBeInstanceOf(HttpRequest);
    expect([clone.params, clone.query.get('a'), await clone.text()]).toEqual([{ p: 'v' }, '1', 'abc']);

    const nativeRequest = native('http://127.0.0.1/api/x');
    const req = new HostHttpRequest(nativeRequest, {});
    nativeRequest.release();
    expect(req.url).toBe('http://127.0.0.1/api/x');
    expect(() => req.headers).toThrow('released');
    const blob = req.blob();
    await expect(blob).rejects.toThrow('released');
    await expect(req.formData()).rejects.toThrow('released');
  });
});
