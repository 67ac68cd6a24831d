import { describe, expect, it } from 'vitest';
import { RawHeaders } from '../../../../src/local/host/http/rawHeaders';

const RAW = [
  'Host',
  '127.0.0.1',
  'Content-Type',
  'application/json',
  'Accept',
  'text/html',
  'accept',
  'application/json',
];

/** What fetch's own Headers makes of the same list. */
function reference(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

describe('RawHeaders', () => {
  it('is a Headers and reads like one: any case, repeated headers joined, absent ones null', () => {
    const headers = new RawHeaders(RAW);
    const expected = reference(RAW);
    expect(headers).toBeInstanceOf(Headers);
    for (const name of ['host', 'CONTENT-TYPE', 'accept', 'x-missing']) {
      expect(headers.get(name)).toBe(expected.get(name));
      expect(headers.has(name)).toBe(expected.has(name));
    }
    expect(headers.get('accept')).toBe('text/html, application/json');
  });

  it('iterates, spreads and changes exactly as Headers built from the same list', () => {
    expect([...new RawHeaders(RAW)]).toEqual([...reference(RAW)]);
    expect(Object.fromEntries(new RawHeaders(RAW).entries())).toEqual(Object.fromEntries(reference(RAW).entries()));
    const changed = new RawHeaders(RAW);
    changed.set('accept', '*/*');
    changed.append('x-extra', '1');
    changed.delete('host');
    expect(changed.get('accept')).toBe('*/*');
    expect(changed.get('x-extra')).toBe('1');
    expect(changed.has('host')).toBe(false);
    const seen: string[] = [];
    changed.forEach((_, key) => {
      seen.push(key);
    });
    expect(seen).toEqual(['accept', 'content-type', 'x-extra']);
  });

  it('rejects invalid header names as Headers does', () => {
    expect(() => new RawHeaders(RAW).get('bad name')).toThrow(TypeError);
    expect(() => reference(RAW).get('bad name')).toThrow(TypeError);
  });

  it('initialises a fetch Request with every header', () => {
    const headers = new RawHeaders(RAW);
    const request = new Request('http://127.0.0.1/', { method: 'POST', headers, body: 'x' });
    expect([...request.headers]).toEqual([...reference(RAW)]);
  });

  it('keeps getSetCookie separate values', () => {
    const raw = ['Set-Cookie', 'a=1', 'Set-Cookie', 'b=2'];
    expect(new RawHeaders(raw).getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(new RawHeaders(raw).get('set-cookie')).toBe(reference(raw).get('set-cookie'));
  });
});
