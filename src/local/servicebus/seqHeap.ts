/** Min-heap of sequence numbers: a queue hands out its oldest available message first, abandoned ones included. */
export class SeqHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(seq: number): void {
    const items = this.items;
    items.push(seq);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= seq) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = seq;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]! < items[left]! ? right : left;
      if (items[child]! >= last) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
