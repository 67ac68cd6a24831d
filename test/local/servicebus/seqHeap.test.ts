import { describe, expect, it } from 'vitest';
import { SeqHeap } from '../../../src/local/servicebus/seqHeap';

describe('SeqHeap', () => {
  it('pops sequence numbers in ascending order whatever the push order', () => {
    const heap = new SeqHeap();
    const values = [9, 3, 7, 1, 8, 2, 6, 4, 5, 10, 1];
    for (const v of values) heap.push(v);
    const out: number[] = [];
    for (let v = heap.pop(); v !== undefined; v = heap.pop()) out.push(v);
    expect(out).toEqual([...values].sort((a, b) => a - b));
    expect(heap.size).toBe(0);
  });
});
