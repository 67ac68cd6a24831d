import { describe, expect, it } from 'vitest';
import { ProgressWriter } from '../../../src/lib/pipeline/progressWriter';

describe('ProgressWriter', () => {
  it('coalesces pushes while a write is in flight and always ends on the latest state', async () => {
    const written: number[] = [];
    let release: () => void = () => {};
    const writer = new ProgressWriter<number>(async (n) => {
      written.push(n);
      if (n === 1) await new Promise<void>((r) => (release = r));
    });
    writer.push(1);
    for (let i = 2; i <= 10; i++) writer.push(i);
    release();
    await writer.flush();
    expect(written).toEqual([1, 10]);
  });

  it('surfaces a failed write on flush', async () => {
    const writer = new ProgressWriter<number>(async () => {
      throw new Error('storage down');
    });
    writer.push(1);
    await expect(writer.flush()).rejects.toThrow('storage down');
  });
});
