import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { connectionString, resolveSettingRefs } from '../appSettings';
import { type RegisteredFunction, triggerOf } from '../capture';
import { drain } from '../drain';
import type { HostLog } from '../hostLog';
import type { Invoker } from '../invoker';
import { Limiter } from '../limiter';
import type { TriggerListener } from '../triggerListener';
import { type BlobPathPattern, parseBlobPath } from './blobPath';
import { BlobReceipts, type BlobVersion, HOSTS_CONTAINER } from './blobReceipts';

export interface BlobListenerOptions {
  readonly functions: readonly RegisteredFunction[];
  readonly invoker: Invoker;
  readonly env: NodeJS.ProcessEnv;
  /** Names this host in receipt paths (Azure: the app name). */
  readonly hostId: string;
  readonly pollIntervalMs: number;
  /** Failed attempts after which a blob version is recorded as poison (host.json poisonBlobThreshold). */
  readonly poisonBlobThreshold: number;
  readonly maxDegreeOfParallelism: number;
  /** How long stop() waits for running invocations. */
  readonly shutdownGraceMs: number;
  readonly log: HostLog;
}

interface Watcher {
  readonly fn: RegisteredFunction;
  readonly pattern: BlobPathPattern;
  readonly container: ContainerClient;
  readonly sdkBinding: boolean;
  missingLogged: boolean;
}

/**
 * Blob triggers by polling, as the Functions host's scan does without Event Grid: list each trigger's
 * container prefix, and run the function once per blob version (ETag) that has no receipt yet — blobs
 * written while the host was down included. A throwing handler leaves a failure count; the next polls
 * retry until `poisonBlobThreshold`, then a poison record ends it.
 */
export async function startBlobListener(options: BlobListenerOptions): Promise<TriggerListener> {
  const { env, log } = options;
  const services = new Map<string, BlobServiceClient>();
  const service = (name: string): BlobServiceClient => {
    const text = connectionString(env, name, 'Storage');
    let client = services.get(text);
    if (client === undefined) {
      client = BlobServiceClient.fromConnectionString(text);
      services.set(text, client);
    }
    return client;
  };
  const watchers: Watcher[] = options.functions.map((fn) => {
    const trigger = triggerOf(fn);
    const pattern = parseBlobPath(resolveSettingRefs(String(trigger['path']), env));
    const connection = typeof trigger['connection'] === 'string' ? trigger['connection'] : 'AzureWebJobsStorage';
    const container = service(connection).getContainerClient(pattern.container);
    const sdkBinding =
      (trigger['properties'] as Record<string, string> | undefined)?.['supportsDeferredBinding'] === 'true';
    return { fn, pattern, container, sdkBinding, missingLogged: false };
  });
  // Receipts live in the host's own storage account, whichever account a trigger watches.
  const hostStorage = env['AzureWebJobsStorage']
    ? 'AzureWebJobsStorage'
    : String(triggerOf(options.functions[0]!)['connection']);
  const receipts = new BlobReceipts(service(hostStorage).getContainerClient(HOSTS_CONTAINER), options.hostId);
  await receipts.ensureContainer();

  const limiter = new Limiter(options.maxDegreeOfParallelism);
  /** Versions with a final receipt: skipped without asking storage again. */
  const settled = new Set<string>();
  const inFlight = new Map<string, Promise<void>>();

  const handleBlob = async (watcher: Watcher, blob: BlobVersion, params: Record<string, string>): Promise<void> => {
    const fn = watcher.fn.name;
    const key = `${fn}\n${blob.name}\n${blob.etag}`;
    const receipt = await receipts.get(fn, blob);
    if (receipt?.status === 'done' || receipt?.status === 'poison') {
      settled.add(key);
      return;
    }
    const client = watcher.container.getBlobClient(blob.name);
    let input: unknown;
    let properties: Record<string, unknown>;
    try {
      const conditions = { ifMatch: `"${blob.etag}"` };
      const props = await client.getProperties({ conditions });
      // An SDK-type binding (`sdkBinding: true`) gets clients, as @azure/functions-extensions-blob hands them
      // over, and reads what it needs itself; otherwise the whole content, as a Buffer, like Azure.
      input = watcher.sdkBinding
        ? { blobClient: client, containerClient: watcher.container }
        : await client.downloadToBuffer(0, undefined, { conditions });
      properties = {
        etag: props.etag,
        lastModified: props.lastModified,
        length: props.contentLength,
        contentType: props.contentType,
        contentMD5: props.contentMD5 === undefined ? undefined : Buffer.from(props.contentMD5).toString('base64'),
      };
      properties['metadata'] = props.metadata ?? {};
    } catch (err) {
      // Changed or deleted since the listing: the next poll sees the new version, if any.
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 412 || status === 404) return;
      throw err;
    }
    const invocation = options.invoker.begin(watcher.fn, {
      ...params,
      blobTrigger: `${blob.container}/${blob.name}`,
      uri: client.url,
      properties,
      metadata: properties['metadata'],
    });
    const attempts = (receipt?.attempts ?? 0) + 1;
    try {
      await invocation.run(input);
      await receipts.put(fn, blob, { status: 'done', attempts, at: new Date().toISOString() });
      settled.add(key);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const at = new Date().toISOString();
      if (attempts >= options.poisonBlobThreshold) {
        const record = await receipts.poison(fn, blob, { status: 'poison', attempts, error, at });
        settled.add(key);
        log(
          'error',
          `[${fn}] blob ${blob.container}/${blob.name} failed ${attempts} times: poison (${record}): ${error}`,
        );
      } else {
        await receipts.put(fn, blob, { status: 'failed', attempts, error, at });
        log(
          'warning',
          `[${fn}] blob ${blob.container}/${blob.name} failed (attempt ${attempts}), will retry: ${error}`,
        );
      }
    }
  };

  const scan = async (watcher: Watcher): Promise<void> => {
    try {
      const listing = watcher.container.listBlobsFlat({ prefix: watcher.pattern.prefix });
      for await (const item of listing) {
        const params = watcher.pattern.match(item.name);
        if (params === undefined || item.properties.etag === undefined) continue;
        const blob = {
          container: watcher.pattern.container,
          name: item.name,
          etag: item.properties.etag.replace(/"/g, ''),
        };
        const key = `${watcher.fn.name}\n${blob.name}\n${blob.etag}`;
        if (settled.has(key) || inFlight.has(key)) continue;
        const task = limiter
          .run(() => handleBlob(watcher, blob, params))
          .catch((err: unknown) => log('error', `[${watcher.fn.name}] blob ${blob.name}: ${String(err)}`))
          .finally(() => inFlight.delete(key));
        inFlight.set(key, task);
      }
      watcher.missingLogged = false;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
      if (!watcher.missingLogged)
        log('warning', `[${watcher.fn.name}] container "${watcher.pattern.container}" does not exist yet`);
      watcher.missingLogged = true;
    }
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> = Promise.resolve();
  const poll = (): void => {
    polling = Promise.all(watchers.map(scan))
      .then(() => undefined)
      .catch((err: unknown) => log('error', `blob polling: ${String(err)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(poll, options.pollIntervalMs);
      });
  };
  poll();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
      await drain(inFlight.values(), options.shutdownGraceMs);
    },
  };
}
