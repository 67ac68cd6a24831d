import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { isAuthorized } from '../../../../src/local/host/http/auth';

vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

describe('isAuthorized', () => {
  const none = () => null;

  it('accepts the key from the header or the code parameter, and anonymous routes without one', () => {
    expect(isAuthorized('function', 'secret-key', 'secret-key', none)).toBe(true);
    expect(isAuthorized('admin', 'secret-key', undefined, () => 'secret-key')).toBe(true);
    expect(isAuthorized('anonymous', 'secret-key', undefined, none)).toBe(true);
    expect(isAuthorized('function', 'secret-key', undefined, none)).toBe(false);
  });

  it('compares fixed-length digests, so a key of another length costs the same comparison', () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    for (const given of ['secret-kez', 's', 'secret-key-and-more', '']) {
      compare.mockClear();
      expect(isAuthorized('function', 'secret-key', given, none)).toBe(false);
      expect(compare).toHaveBeenCalledTimes(1);
      const [a, b] = compare.mock.calls[0]!;
      expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
    }
  });
});
