/**
 * Runs the leaf-mask scorer (leafMasks.ts) in WebAssembly (leafMaskKernel.wat) for ensembles whose trees
 * all add one value to the same output, as boosted binary and regression models do. JavaScript copies a
 * block of rows' values in; the kernel finds their slots, combines the masks and adds the leaves. The sums
 * are bit-identical to addLeafMaskOutputs: same leaves, same order.
 */
import { leafMaskKernelWasm } from './leafMaskKernelWasm';
import type { LeafMasks } from './leafMasks';

/** Rows whose values, slots and sums the kernel's memory holds at once. */
const BLOCK = 256;
/** Rows the kernel scores side by side (its addLeaves4). */
const GROUP = 4;

let compiled: WebAssembly.Module | undefined;

interface Exports {
  init(
    features: number,
    trees: number,
    alive: number,
    valueAt: number,
    featureTable: number,
    values: number,
    block: number,
  ): void;
  score(rows: number, slots: number, out: number): void;
}

export class LeafMaskKernel {
  private readonly exports: Exports;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly values: number;
  private readonly slots: number;
  private readonly out: number;

  private constructor(private readonly masks: LeafMasks) {
    const { entries, slotStart, features, thresholds } = masks;
    const trees = masks.valueAt.length / 32;
    let used = 0;
    const take = (bytes: number): number => {
      const at = used;
      used += Math.ceil(bytes / 64) * 64;
      return at;
    };
    const table = take(slotStart.length * 4);
    const entryAt = take(entries.length * 4);
    const alive = take(GROUP * trees * 4);
    const valueAt = take(trees * 32 * 8);
    const featureTable = take(features * 16);
    const cuts = thresholds.map((t) => (t === null ? 0 : take(t.length * 8)));
    this.values = take(BLOCK * features * 8);
    this.slots = take(BLOCK * features * 4);
    this.out = take(BLOCK * 8);
    const memory = new WebAssembly.Memory({ initial: Math.ceil(used / 65536) });
    compiled ??= new WebAssembly.Module(Buffer.from(leafMaskKernelWasm, 'base64'));
    this.exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as Exports;
    this.i32 = new Int32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
    for (let s = 0; s < slotStart.length; s++) this.i32[table / 4 + s] = entryAt + slotStart[s]! * 4;
    for (let i = 0; i < entries.length; i += 2) {
      this.i32[entryAt / 4 + i] = entries[i]! * 4;
      this.i32[entryAt / 4 + i + 1] = entries[i + 1]!;
    }
    this.f64.set(masks.valueAt, valueAt / 8);
    for (let j = 0; j < features; j++) {
      const t = thresholds[j] ?? null;
      if (t !== null) this.f64.set(t, cuts[j]! / 8);
      this.i32.set(
        [cuts[j]!, t === null ? -1 : t.length, masks.missingSlot[j]!, table + masks.firstSlot[j]! * 4],
        (featureTable + j * 16) / 4,
      );
    }
    this.exports.init(features, trees, alive, valueAt, featureTable, this.values, BLOCK);
  }

  /** The kernel for these masks, or null when their trees add to several outputs (multiclass). */
  static of(masks: LeafMasks): LeafMaskKernel | null {
    return masks.singleOutput >= 0 ? new LeafMaskKernel(masks) : null;
  }

  /** Adds the trees' values for rows [start, end) of `columns` to out[(row - start) * width + output]. */
  add(columns: readonly Float64Array[], start: number, end: number, out: Float64Array, width: number): void {
    const f64 = this.f64;
    const output = this.masks.singleOutput;
    const sums = this.out / 8;
    const values = this.values / 8;
    for (let b0 = start; b0 < end; b0 += BLOCK) {
      const rows = Math.min(end, b0 + BLOCK) - b0;
      // An element loop, not set(subarray): a one-row call would allocate a view per feature.
      for (let j = 0; j < columns.length; j++) {
        const column = columns[j]!;
        const to = values + j * BLOCK - b0;
        for (let r = b0; r < b0 + rows; r++) f64[to + r] = column[r]!;
      }
      const o = (b0 - start) * width + output;
      for (let r = 0; r < rows; r++) f64[sums + r] = out[o + r * width]!;
      this.exports.score(rows, this.slots, this.out);
      for (let r = 0; r < rows; r++) out[o + r * width] = f64[sums + r]!;
    }
  }
}
