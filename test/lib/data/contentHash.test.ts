import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContentHash } from '../../../src/lib/data/contentHash';

function chunks(totalMb: number): Buffer[] {
  return Array.from({ length: totalMb }, (_, i) => Buffer.alloc(1 << 20, i % 251));
}

function expected(parts: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex');
}

describe('ContentHash', () => {
  it('hashes a small stream in line', async () => {
    const parts = [Buffer.from('a,b\n'), Buffer.from('1,2\n')];
    const hash = new ContentHash();
    for (const p of parts) hash.update(p);
    expect(await hash.digest()).toBe(expected(parts));
  });

  it('hashes a stream past 16 MB on a thread, to the same digest', async () => {
    const parts = chunks(40);
    const hash = new ContentHash();
    for (const p of parts) hash.update(p);
    expect(await hash.digest()).toBe(expected(parts));
  });

  it('stops its thread when disposed, and a later digest of the abandoned stream is refused', async () => {
    const hash = new ContentHash();
    for (const p of chunks(20)) hash.update(p);
    hash.dispose();
    hash.dispose();
    await expect(hash.digest()).rejects.toThrow(/disposed/);
  });

  it('gives the digest of nothing for an empty stream', async () => {
    expect(await new ContentHash().digest()).toBe(expected([]));
  });
});
