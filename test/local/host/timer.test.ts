import { join } from 'node:path';
import type { Timer } from '@azure/functions';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAzurite, startAzurite } from '../../../src/local/azurite';
import { type RunningHost, startHost } from '../../../src/local/host/host';
import { parseSchedule } from '../../../src/local/host/schedule';
import { waitFor } from '../../support/waitFor';

interface Call {
  name: string;
  timer: Timer;
}
const state = () =>
  (globalThis as unknown as { timerState?: { calls: Call[]; maxRunning: number } }).timerState ?? {
    calls: [],
    maxRunning: 0,
  };
const callsOf = (name: string) => state().calls.filter((c) => c.name === name);
const files = [join(__dirname, 'fixtures', 'timerApp.js')];

describe('schedules', () => {
  it('reads six-field NCRONTAB in UTC and TimeSpan intervals', () => {
    const from = new Date('2026-01-01T10:15:07.500Z');
    expect(parseSchedule('0 0 */4 * * *')(from).toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(parseSchedule('*/10 * * * * *')(from).toISOString()).toBe('2026-01-01T10:15:10.000Z');
    expect(parseSchedule('00:05:00')(from).toISOString()).toBe('2026-01-01T10:20:07.500Z');
    expect(() => parseSchedule('0 */4 * * *')).toThrow(/six NCRONTAB fields/);
  });
});

describe('offline host: timer triggers', () => {
  let azurite: RunningAzurite;
  let hosts: ContainerClient;
  let host: RunningHost | undefined;

  beforeAll(async () => {
    azurite = await startAzurite();
    hosts = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('azure-webjobs-hosts');
    await hosts.create();
    // The host was "down" over pastDue's last scheduled run.
    const status = JSON.stringify({ Last: '2025-01-01T00:00:00.000Z', Next: '2026-01-01T00:00:00.000Z' });
    await hosts.getBlockBlobClient('timers/automl-functions-local/pastDue/status').upload(status, status.length);
  });
  afterAll(async () => {
    await host?.stop();
    await azurite.stop();
  });

  it('refuses to start when a %SETTING% in a schedule is not set', async () => {
    const start = startHost({ files, port: 0, env: { AzureWebJobsStorage: azurite.connectionString }, log: () => {} });
    await expect(start).rejects.toThrow(/FAST_SCHEDULE/);
  });

  it('resolves %SETTING%, never overlaps a slow run, and fires missed and startup runs once', async () => {
    host = await startHost({
      files,
      port: 0,
      env: { AzureWebJobsStorage: azurite.connectionString, FAST_SCHEDULE: '* * * * * *' },
      log: () => {},
    });
    await waitFor('three slow runs', () => callsOf('slowTick').length >= 3, 20_000);
    expect(state().maxRunning).toBe(1);
    expect(callsOf('slowTick')[1]!.timer.scheduleStatus.last).toBe(
      callsOf('slowTick')[0]!.timer.scheduleStatus.lastUpdated,
    );

    expect(callsOf('pastDue').map((c) => c.timer.isPastDue)).toEqual([true]);
    expect(callsOf('pastDue')[0]!.timer.scheduleStatus.last).toBe('2025-01-01T00:00:00.000Z');
    expect(callsOf('onStartup').map((c) => c.timer.isPastDue)).toEqual([false]);

    const status = JSON.parse(
      (await hosts.getBlockBlobClient('timers/automl-functions-local/pastDue/status').downloadToBuffer()).toString(),
    ) as { Next: string };
    expect(status.Next).toMatch(/-01-01T00:00:00.000Z$/);
    expect(Date.parse(status.Next)).toBeGreaterThan(Date.now());
  });
});
