import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { parseSettings } from '../lib/config/settings';
import { BlobStore } from '../lib/storage/blobStore';
import { allContainers } from '../lib/storage/containers';
import { blobServiceClientFromSettings } from '../lib/storage/serviceClient';
import { startAzurite } from './azurite';
import { type RunningHost, startHost } from './host/host';
import type { HostConfig } from './host/hostConfig';
import { consoleLog, type HostLog } from './host/hostLog';
import { DEMO_DATASET, seedDemo } from './seedDemo';
import { startLocalServiceBus } from './servicebus';
import { loadLocalSettings } from './settingsFile';

/** The repository root, from src/local (tests) or dist/src/local (npm start). */
export const repoRoot = __dirname.includes(`${sep}dist${sep}src${sep}`)
  ? join(__dirname, '..', '..', '..')
  : join(__dirname, '..', '..');

/** The compiled function modules, as package.json `main` lists them for Azure. */
export function functionFiles(root = repoRoot): string[] {
  const dir = join(root, 'dist', 'src', 'functions');
  if (!existsSync(dir)) throw new Error(`${dir} does not exist: run "npm run build" first`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => join(dir, f));
}

export interface RuntimeOptions {
  /** Function modules; default every dist/src/functions/*.js. */
  readonly files?: readonly string[];
  /** Folder with host.json; default the repository root. */
  readonly appDir?: string;
  /** Host HTTP port; 0 (default) = a free port. */
  readonly port?: number;
  /** Azurite blob port; 0 (default) = a free port. */
  readonly blobPort?: number;
  /** Local Service Bus port; 0 (default) = a free port. */
  readonly serviceBusPort?: number;
  /** Azurite data folder; default in memory. */
  readonly azuriteLocation?: string;
  /** Service Bus journal folder; default a fresh temporary folder, removed by stop(). */
  readonly serviceBusDataDir?: string;
  /** Key for function/admin routes; default a generated one (returned as functionKey). */
  readonly functionKey?: string;
  /** Extra app settings for the functions (they read process.env, as in Azure). */
  readonly settings?: Readonly<Record<string, string>>;
  /** Blob trigger polling; default 100 ms here (tests), 1 s under npm start. */
  readonly blobPollIntervalMs?: number;
  readonly hostConfig?: Partial<HostConfig>;
  /** How long stop() lets running blob/Service Bus/timer invocations finish; default 10 s. */
  readonly shutdownGraceMs?: number;
  /** Default: silent except warnings and errors. */
  readonly log?: HostLog;
}

export interface Runtime {
  /** `http://127.0.0.1:<port>`; the app's routes are under `/api`. */
  readonly baseUrl: string;
  readonly functionKey: string;
  readonly storageConnectionString: string;
  readonly serviceBusConnectionString: string;
  readonly host: RunningHost;
  /** Stops the host, then the Service Bus, then Azurite; safe to call twice. */
  stop(): Promise<void>;
}

const quiet: HostLog = (level, message) => {
  if (level === 'error' || level === 'warning') console.error(message);
};

/**
 * Everything the app needs, in this process (Azure stand-ins on free ports, memory storage, the host):
 * for integration tests. The functions read their settings from process.env, so the connection settings
 * (AzureWebJobsStorage, ServiceBusConnection) of this runtime are written there.
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const azurite = await startAzurite({
      blobPort: options.blobPort ?? 0,
      ...(options.azuriteLocation === undefined ? {} : { location: options.azuriteLocation }),
    });
    stops.push(() => azurite.stop());
    let dataDir = options.serviceBusDataDir;
    if (dataDir === undefined) {
      const temp = mkdtempSync(join(tmpdir(), 'servicebus-'));
      stops.push(async () => rmSync(temp, { recursive: true, force: true }));
      dataDir = temp;
    }
    const bus = await startLocalServiceBus({ port: options.serviceBusPort ?? 0, dataDir });
    stops.push(() => bus.stop());
    Object.assign(process.env, options.settings, {
      AzureWebJobsStorage: azurite.connectionString,
      ServiceBusConnection: bus.connectionString,
    });
    await createContainers(azurite.connectionString);
    const host = await startHost({
      files: options.files ?? functionFiles(),
      appDir: options.appDir ?? repoRoot,
      port: options.port ?? 0,
      functionKey: options.functionKey ?? '',
      blobPollIntervalMs: options.blobPollIntervalMs ?? 100,
      ...(options.hostConfig === undefined ? {} : { hostConfig: options.hostConfig }),
      ...(options.shutdownGraceMs === undefined ? {} : { shutdownGraceMs: options.shutdownGraceMs }),
      log: options.log ?? quiet,
    });
    stops.push(() => host.stop());
    return {
      baseUrl: host.baseUrl,
      functionKey: host.functionKey,
      storageConnectionString: azurite.connectionString,
      serviceBusConnectionString: bus.connectionString,
      host,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The containers of the storage layout, created up front so the first upload or trigger scan finds them. */
export async function createContainers(connection: string): Promise<void> {
  const service = BlobServiceClient.fromConnectionString(connection);
  await Promise.all(allContainers.map((name) => service.getContainerClient(name).createIfNotExists()));
}

/**
 * Local stand-ins run only when the setting asks for them (unset, or the standard `UseDevelopmentStorage=true`);
 * an explicit connection string, a real account or an Azurite someone else runs, is used as is.
 */
const isDevStorage = (value: string | undefined) =>
  value === undefined || value === '' || value.includes('UseDevelopmentStorage=true');
const isDevBus = (value: string | undefined) =>
  value === undefined || value === '' || value.includes('UseDevelopmentEmulator=true');

/**
 * `npm start`: local.settings.json into the environment, Azurite (data in .local/azurite) and the local
 * Service Bus (.local/servicebus) unless the settings name real Azure resources, then the host on
 * 127.0.0.1:7071 (PORT) with every compiled function. Ctrl-C / SIGTERM stops all of it.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const log = consoleLog();
  const settings = loadLocalSettings(repoRoot);
  if (settings.created) log('information', `Created ${settings.path} from local.settings.example.json`);
  const env = process.env;
  // State of the stand-ins; LOCAL_STATE_DIR lets tests run a restartable runtime in a temporary folder.
  const stateDir = env['LOCAL_STATE_DIR'] ?? join(repoRoot, '.local');
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    if (stopping !== undefined) {
      log('warning', `${signal} again: exiting now`);
      process.exit(1);
    }
    log('information', `${signal}: stopping`);
    stopping = (async () => {
      for (const s of stops.splice(0).reverse()) await s().catch((err: unknown) => log('error', String(err)));
    })().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  if (isDevStorage(env['AzureWebJobsStorage'])) {
    const azurite = await startAzurite({
      blobPort: Number(env['AZURITE_BLOB_PORT'] ?? 10000),
      location: join(stateDir, 'azurite'),
    });
    stops.push(() => azurite.stop());
    env['AzureWebJobsStorage'] = azurite.connectionString;
    log('information', `Azurite blob storage on 127.0.0.1:${azurite.blobPort} (data in .local/azurite)`);
  }
  if (isDevBus(env['ServiceBusConnection'])) {
    const bus = await startLocalServiceBus({
      port: Number(env['SERVICEBUS_PORT'] ?? 5672),
      dataDir: join(stateDir, 'servicebus'),
    });
    stops.push(() => bus.stop());
    env['ServiceBusConnection'] = bus.connectionString;
    log('information', `Local Service Bus on 127.0.0.1:${bus.port} (data in .local/servicebus)`);
  }
  await createContainers(env['AzureWebJobsStorage']!);
  const host = await startHost({ files: functionFiles(), appDir: repoRoot, log });
  stops.push(() => host.stop());
  log('information', `Host ready on ${host.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s (Ctrl-C stops)`);
  if (parseSettings(env).SEED_DEMO) {
    const seeded = await seedDemo(new BlobStore(blobServiceClientFromSettings(env)), repoRoot);
    if (seeded === 'seeded') {
      log(
        'information',
        `Seeded datasets/${DEMO_DATASET}/ with the bundled bank data: training starts (SEED_DEMO=false skips)`,
      );
    }
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
