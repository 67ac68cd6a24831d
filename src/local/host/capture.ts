import Module, { createRequire } from 'node:module';
import { resolve } from 'node:path';

/** One binding as `@azure/functions` hands it to the host (camelCase, as in function.json). */
export interface BindingMetadata {
  readonly type: string;
  readonly direction: 'in' | 'out' | 'inout';
  readonly name?: string;
  readonly [key: string]: unknown;
}

/** The raw object passed to `registerFunction`: bindings keyed by name (`$return` for the return binding). */
export interface FunctionMetadata {
  readonly name: string;
  readonly bindings: Readonly<Record<string, BindingMetadata>>;
  readonly retryOptions?: unknown;
  readonly [key: string]: unknown;
}

export type FunctionHandler = (...args: unknown[]) => unknown;

export interface RegisteredFunction {
  readonly name: string;
  readonly metadata: FunctionMetadata;
  readonly handler: FunctionHandler;
}

export type HookName = 'appStart' | 'appTerminate' | 'preInvocation' | 'postInvocation' | 'log';

/** A lifecycle hook as the library registers it: the callback receives the host's plain context object. */
export interface RegisteredHook {
  readonly name: HookName;
  readonly callback: (context: Record<string, unknown>) => unknown;
}

export interface LoadedApp {
  readonly functions: RegisteredFunction[];
  readonly hooks: RegisteredHook[];
}

interface Capture {
  functions: RegisteredFunction[];
  hooks: RegisteredHook[];
}

class Disposable {
  constructor(private readonly onDispose: () => void) {}
  dispose(): void {
    this.onDispose();
  }
}

const CORE_MODULE = '@azure/functions-core';
/** Registrations land in whichever capture is open; null means a module registered outside loadFunctionApp. */
let current: Capture | null = null;
/** `@azure/functions` asks once and caches the answer, so a miss before installCore() is permanent. */
let coreRequested = false;
/** Modules already required, with what they registered: requiring them again would register nothing. */
const loaded = new Map<string, Capture>();

/**
 * Registrations made outside loadApp (a test importing a function module directly, after a runtime
 * installed the core in the same process) go nowhere, as they do in the library's test mode.
 */
const nowhere = (): Capture => ({ functions: [], hooks: [] });

/** What the Node.js worker exposes to `@azure/functions` as `@azure/functions-core` (types-core/index.d.ts). */
const coreApi = {
  version: '3.11.0-offline',
  hostVersion: '4.1000.0-offline',
  Disposable,
  registerFunction(metadata: FunctionMetadata, handler: FunctionHandler): Disposable {
    const capture = current ?? nowhere();
    const entry: RegisteredFunction = { name: metadata.name, metadata, handler };
    capture.functions.push(entry);
    return new Disposable(() => remove(capture.functions, entry));
  },
  registerHook(name: HookName, callback: RegisteredHook['callback']): Disposable {
    const capture = current ?? nowhere();
    const entry: RegisteredHook = { name, callback };
    capture.hooks.push(entry);
    return new Disposable(() => remove(capture.hooks, entry));
  },
  // The programming model converts RPC data for the real worker; the offline host calls handlers directly.
  setProgrammingModel(_model: unknown): void {},
  getProgrammingModel(): unknown {
    return undefined;
  },
  // Present so `app.setup({ enableHttpStream: true })` passes its host-version check.
  log(level: string, _category: string, message: string): void {
    if (level === 'error' || level === 'critical') console.error(message);
    else if (level === 'warning') console.warn(message);
  },
};

function remove<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}

let installed = false;

/** Makes `require('@azure/functions-core')` answer our capturing API, as the worker's built-in module does. */
export function installCore(): void {
  if (installed) return;
  installed = true;
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = mod._load;
  mod._load = function load(this: unknown, request: string, ...rest: unknown[]): unknown {
    if (request === CORE_MODULE) {
      coreRequested = true;
      return coreApi;
    }
    return original.call(this, request, ...rest);
  };
}

/**
 * Requires each function module with the capturing core installed and returns what it registered
 * (functions and hooks). A module loaded before keeps its first registrations: modules run once per process.
 */
export function loadApp(files: readonly string[]): LoadedApp {
  installCore();
  const result: LoadedApp = { functions: [], hooks: [] };
  for (const file of files) {
    const path = resolve(file);
    let capture = loaded.get(path);
    if (capture === undefined) {
      capture = { functions: [], hooks: [] };
      const load = createRequire(path);
      // A module required earlier without the capture (test mode) registered nothing: run it again.
      delete load.cache[path];
      current = capture;
      try {
        load(path);
      } finally {
        current = null;
      }
      loaded.set(path, capture);
    }
    result.functions.push(...capture.functions);
    result.hooks.push(...capture.hooks);
  }
  if (result.functions.length === 0 && result.hooks.length === 0 && files.length > 0 && !coreRequested) {
    throw new Error(
      '@azure/functions never asked for @azure/functions-core: it was used (in test mode) before installCore(); ' +
        'load the function modules through loadFunctionApp before anything calls app.*',
    );
  }
  const names = new Set<string>();
  for (const fn of result.functions) {
    if (names.has(fn.name)) throw new Error(`function "${fn.name}" is registered twice`);
    names.add(fn.name);
  }
  return result;
}

/** The contract of the binding-metadata test: every function registration of the given modules. */
export function loadFunctionApp(files: readonly string[]): RegisteredFunction[] {
  return loadApp(files).functions;
}

/** The trigger binding of a function (exactly one per function). */
export function triggerOf(fn: RegisteredFunction): BindingMetadata & { name: string } {
  for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
    if (binding.direction === 'in' && binding.type.endsWith('Trigger')) return { ...binding, name };
  }
  throw new Error(`function "${fn.name}" has no trigger binding`);
}
