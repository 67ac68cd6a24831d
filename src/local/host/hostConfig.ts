import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The host.json settings the offline host honours, with the Functions host's defaults. */
export interface HostConfig {
  readonly routePrefix: string;
  readonly functionTimeoutMs: number | undefined;
  readonly serviceBus: {
    readonly maxConcurrentCalls: number;
    readonly maxAutoLockRenewalDurationMs: number;
  };
  readonly blobs: { readonly poisonBlobThreshold: number; readonly maxDegreeOfParallelism: number };
}

interface HostJson {
  functionTimeout?: string;
  extensions?: {
    http?: { routePrefix?: string };
    serviceBus?: { maxConcurrentCalls?: number; maxAutoLockRenewalDuration?: string };
    blobs?: { poisonBlobThreshold?: number; maxDegreeOfParallelism?: number };
  };
}

/** Parses a .NET TimeSpan as host.json writes it: `[d.]hh:mm:ss[.fff]`. */
export function parseTimeSpan(text: string): number {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (match === null) throw new Error(`"${text}" is not a TimeSpan (expected [d.]hh:mm:ss[.fff])`);
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  const ms = Number(`0.${fraction || '0'}`) * 1000;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000 + ms;
}

export function hostConfigFrom(json: HostJson): HostConfig {
  const ext = json.extensions ?? {};
  return {
    routePrefix: (ext.http?.routePrefix ?? 'api').replace(/^\/+|\/+$/g, ''),
    functionTimeoutMs: json.functionTimeout === undefined ? undefined : parseTimeSpan(json.functionTimeout),
    serviceBus: {
      maxConcurrentCalls: ext.serviceBus?.maxConcurrentCalls ?? 16,
      maxAutoLockRenewalDurationMs: parseTimeSpan(ext.serviceBus?.maxAutoLockRenewalDuration ?? '00:05:00'),
    },
    blobs: {
      poisonBlobThreshold: ext.blobs?.poisonBlobThreshold ?? 5,
      maxDegreeOfParallelism: ext.blobs?.maxDegreeOfParallelism ?? 8,
    },
  };
}

/** Reads `host.json` from the app folder; a missing file means all defaults, as for the real host. */
export function readHostConfig(dir: string): HostConfig {
  let text: string;
  try {
    text = readFileSync(join(dir, 'host.json'), 'utf8');
  } catch {
    return hostConfigFrom({});
  }
  return hostConfigFrom(JSON.parse(text) as HostJson);
}
