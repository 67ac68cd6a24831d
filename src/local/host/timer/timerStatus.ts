import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { HOSTS_CONTAINER } from '../blob/blobReceipts';
import type { HostLog } from '../hostLog';

/** What the Functions host keeps per timer function (`timers/<host>/<function>/status`). */
export interface TimerStatus {
  readonly Last: string;
  readonly Next: string;
  readonly LastUpdated: string;
}

export interface TimerStatusStore {
  read(fn: string): Promise<TimerStatus | undefined>;
  write(fn: string, status: TimerStatus): Promise<void>;
}

/** Status blobs in the host's storage account, so a tick missed while the host was down is seen as past due. */
export function blobTimerStatusStore(hosts: ContainerClient, hostId: string): TimerStatusStore {
  const blob = (fn: string) => hosts.getBlockBlobClient(`timers/${hostId}/${fn}/status`);
  return {
    async read(fn) {
      try {
        return JSON.parse((await blob(fn).downloadToBuffer()).toString('utf8')) as TimerStatus;
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return undefined;
        throw err;
      }
    },
    async write(fn, status) {
      const text = JSON.stringify(status);
      await blob(fn).upload(text, Buffer.byteLength(text), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
    },
  };
}

/** Without a storage account (or with useMonitor off) the status lives only as long as the process. */
export function memoryTimerStatusStore(): TimerStatusStore {
  const statuses = new Map<string, TimerStatus>();
  return {
    read: async (fn) => statuses.get(fn),
    write: async (fn, status) => {
      statuses.set(fn, status);
    },
  };
}

/** The host's store: blobs in AzureWebJobsStorage, or memory (with a warning) when it is not set. */
export async function timerStatusStoreFor(
  env: NodeJS.ProcessEnv,
  hostId: string,
  log: HostLog,
): Promise<TimerStatusStore> {
  const storage = env['AzureWebJobsStorage'];
  if (!storage) {
    log('warning', 'AzureWebJobsStorage is not set: timer status is not kept across restarts');
    return memoryTimerStatusStore();
  }
  const hosts = BlobServiceClient.fromConnectionString(storage).getContainerClient(HOSTS_CONTAINER);
  await hosts.createIfNotExists();
  return blobTimerStatusStore(hosts, hostId);
}
