import { afterAll, beforeAll } from 'vitest';
import { type Runtime, type RuntimeOptions, startRuntime } from '../../src/local/start';

export interface TestRuntime extends Runtime {
  /** fetch() on an app route (`/datasets` → `<baseUrl>/api/datasets`) with the function key attached. */
  api(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Starts the whole offline runtime (in-memory Azurite, local Service Bus, host on free ports) around the
 * calling describe block; returns a getter for it. Defaults to the compiled app (`npm run build` first);
 * pass `files` for fixture modules.
 */
export function useRuntime(options: RuntimeOptions = {}): () => TestRuntime {
  let runtime: TestRuntime | undefined;
  beforeAll(async () => {
    const started = await startRuntime(options);
    runtime = {
      ...started,
      api(path, init = {}) {
        const headers = new Headers(init.headers);
        headers.set('x-functions-key', started.functionKey);
        return fetch(`${started.baseUrl}/api${path.startsWith('/') ? path : `/${path}`}`, { ...init, headers });
      },
    };
  });
  afterAll(async () => {
    await runtime?.stop();
  });
  return () => {
    if (runtime === undefined) throw new Error('the runtime is not started yet (use it inside tests)');
    return runtime;
  };
}
