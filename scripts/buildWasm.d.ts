/** Paths of the WebAssembly text kernels. */
export const KERNELS: readonly string[];
/** The generated TypeScript module for the kernel at `watPath`: where it goes and its text. */
export function kernelModule(watPath: string): Promise<{ path: string; text: string }>;
