import { describe, expect, it } from 'vitest';
import { drain } from '../../../src/local/host/drain';

describe('drain', () => {
  it('waits for running tasks to settle, failures included', async () => {
    const done: string[] = [];
    const ok = new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => {
      done.push('ok');
    });
    const failed = Promise.reject(new Error('failed run'));
    await drain([ok, failed], 60_000);
    expect(done).toEqual(['ok']);
  });

  it('gives up on a task that never ends once the grace period is over', async () => {
    await expect(drain([new Promise(() => {})], 10)).resolves.toBeUndefined();
  });
});
