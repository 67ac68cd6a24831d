/**
 * The part of the WebAssembly JavaScript API the tree kernel uses. Node provides the global, but
 * @types/node does not declare it and lib.dom would bring in the whole browser.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, Memory | ((...args: number[]) => number)>>);
    readonly exports: Record<string, unknown>;
  }
}
