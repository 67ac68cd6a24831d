import { startBlobListener } from './blob/blobListener';
import { loadApp, type RegisteredFunction, triggerOf } from './capture';
import { type HostConfig, readHostConfig } from './hostConfig';
import { consoleLog, type HostLog } from './hostLog';
import { resolveFunctionKey } from './http/auth';
import { createHttpHost } from './http/httpServer';
import { Invoker } from './invoker';
import { startServiceBusListener } from './servicebus/serviceBusListener';
import { startTimerScheduler } from './timer/timerScheduler';
import { timerStatusStoreFor } from './timer/timerStatus';
import type { TriggerListener } from './triggerListener';

export interface HostOptions {
  /** Compiled function modules (the same files Azure loads through package.json `main`). */
  readonly files: readonly string[];
  /** Folder holding host.json; default the working directory. */
  readonly appDir?: string;
  /** HTTP port; default env PORT, else 7071; 0 picks a free one. */
  readonly port?: number;
  readonly hostname?: string;
  /** Key for function/admin routes; default LOCAL_FUNCTION_KEY, else a generated one. */
  readonly functionKey?: string;
  /** Largest request body; default env HOST_MAX_BODY_BYTES, else 100 MB. */
  readonly maxBodyBytes?: number;
  /** Settings for connections and %NAME% values; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** How often blob triggers list their containers; default env HOST_BLOB_POLL_MS, else 1000. */
  readonly blobPollIntervalMs?: number;
  /** Names this host in blob receipts and timer status (Azure: the app name); default "automl-functions-local". */
  readonly hostId?: string;
  /** How long stop() waits for running blob, Service Bus and timer invocations; default 10 s. */
  readonly shutdownGraceMs?: number;
  /** host.json overrides (tests shorten intervals with them). */
  readonly hostConfig?: Partial<HostConfig>;
  readonly log?: HostLog;
}

export interface RunningHost {
  /** `http://127.0.0.1:<port>` — routes live under `/<routePrefix>/`. */
  readonly baseUrl: string;
  readonly port: number;
  readonly functionKey: string;
  readonly functions: readonly RegisteredFunction[];
  stop(): Promise<void>;
}

const DEFAULT_MAX_BODY = 100 * 1024 * 1024;
const RUN_TYPES = new Set(['httpTrigger', 'blobTrigger', 'serviceBusTrigger', 'timerTrigger']);

/**
 * The offline Functions host: loads the function modules through the capturing core, then serves each
 * registration by its trigger type. There is no second list of functions: what Azure sees is what runs.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const env = options.env ?? process.env;
  const log = options.log ?? consoleLog();
  const appDir = options.appDir ?? process.cwd();
  const hostId = options.hostId ?? 'automl-functions-local';
  const config: HostConfig = { ...readHostConfig(appDir), ...options.hostConfig };
  const app = loadApp(options.files);
  const invoker = new Invoker(app.hooks, log);
  const byType = (type: string): RegisteredFunction[] => app.functions.filter((f) => triggerOf(f).type === type);
  for (const fn of app.functions) {
    const type = triggerOf(fn).type;
    if (!RUN_TYPES.has(type)) log('warning', `[${fn.name}] ${type} is not run by the offline host`);
  }

  await invoker.lifecycle('appStart', appDir);
  const { key: functionKey, generated } = resolveFunctionKey(options.functionKey ?? env['LOCAL_FUNCTION_KEY']);
  const listeners: TriggerListener[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled(listeners.splice(0).map((l) => l.stop()));
  };
  try {
    const http = createHttpHost({
      functions: byType('httpTrigger'),
      invoker,
      routePrefix: config.routePrefix,
      functionKey,
      maxBodyBytes: options.maxBodyBytes ?? (Number(env['HOST_MAX_BODY_BYTES']) || DEFAULT_MAX_BODY),
      log,
    });
    const hostname = options.hostname ?? '127.0.0.1';
    const port = await http.listen(options.port ?? (Number(env['PORT']) || 7071), hostname);
    listeners.push({ stop: () => http.close() });
    const baseUrl = `http://${hostname}:${port}`;
    for (const line of http.routes) log('information', `  ${line.replace(' /', ` ${baseUrl}/`)}`);

    const common = { invoker, env, log, shutdownGraceMs: options.shutdownGraceMs ?? 10_000 };
    const blobFunctions = byType('blobTrigger');
    if (blobFunctions.length > 0) {
      const pollIntervalMs = options.blobPollIntervalMs ?? (Number(env['HOST_BLOB_POLL_MS']) || 1000);
      const { poisonBlobThreshold, maxDegreeOfParallelism } = config.blobs;
      const blobOptions = { ...common, hostId, pollIntervalMs, poisonBlobThreshold, maxDegreeOfParallelism };
      listeners.push(await startBlobListener({ ...blobOptions, functions: blobFunctions }));
    }
    const busFunctions = byType('serviceBusTrigger');
    if (busFunctions.length > 0) {
      const { maxConcurrentCalls, maxAutoLockRenewalDurationMs } = config.serviceBus;
      const busOptions = { ...common, maxConcurrentCalls, maxAutoLockRenewalDurationMs };
      listeners.push(await startServiceBusListener({ ...busOptions, functions: busFunctions }));
    }
    const timerFunctions = byType('timerTrigger');
    if (timerFunctions.length > 0) {
      const store = await timerStatusStoreFor(env, hostId, log);
      listeners.push(startTimerScheduler({ ...common, functions: timerFunctions, store }));
    }
    if (generated) log('information', `Function key (x-functions-key or ?code=): ${functionKey}`);

    let stopped: Promise<void> | undefined;
    return {
      baseUrl,
      port,
      functionKey,
      functions: app.functions,
      stop() {
        stopped ??= stopAll().then(() => invoker.lifecycle('appTerminate', appDir));
        return stopped;
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
