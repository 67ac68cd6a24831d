import { join } from 'node:path';
import type { Timer } from '@azure/functions';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFunctionApp } from '../../../../src/local/host/capture';
import { Invoker } from '../../../../src/local/host/invoker';
import { parseSchedule } from '../../../../src/local/host/timer/schedule';
import { startTimerScheduler } from '../../../../src/local/host/timer/timerScheduler';
import { memoryTimerStatusStore } from '../../../../src/local/host/timer/timerStatus';
import type { TriggerListener } from '../../../../src/local/host/triggerListener';
import { waitFor } from '../../../support/waitFor';

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
const functions = loadFunctionApp([join(__dirname, '..', 'fixtures', 'timerApp.js')]);
const common = { functions, invoker: new Invoker([], () => {}), log: () => {}, shutdownGraceMs: 10_000 };

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
  let scheduler: TriggerListener | undefined;
  afterAll(() => scheduler?.stop());

  it('refuses to start when a %SETTING% in a schedule is not set', () => {
    const start = () => startTimerScheduler({ ...common, env: {}, store: memoryTimerStatusStore() });
    expect(start).toThrow(/FAST_SCHEDULE/);
  });

  it('resolves %SETTING%, never overlaps a slow run, and fires missed and startup runs once', async () => {
    const store = memoryTimerStatusStore();
    // The host was "down" over pastDue's last scheduled run.
    const lastUpdated = '2025-01-01T00:00:00.000Z';
    await store.write('pastDue', { Last: lastUpdated, Next: '2026-01-01T00:00:00.000Z', LastUpdated: lastUpdated });
    const env = { FAST_SCHEDULE: '* * * * * *' };
    scheduler = startTimerScheduler({ ...common, env, store });

    await waitFor('three slow runs', () => callsOf('slowTick').length >= 3, 20_000);
    expect(state().maxRunning).toBe(1);
    const [first, second] = callsOf('slowTick');
    expect(second!.timer.scheduleStatus.last).toBe(first!.timer.scheduleStatus.lastUpdated);

    expect(callsOf('pastDue').map((c) => c.timer.isPastDue)).toEqual([true]);
    expect(callsOf('pastDue')[0]!.timer.scheduleStatus.last).toBe(lastUpdated);
    expect(callsOf('onStartup').map((c) => c.timer.isPastDue)).toEqual([false]);
    const status = await store.read('pastDue');
    expect(status!.Next).toMatch(/-01-01T00:00:00.000Z$/);
    expect(Date.parse(status!.Next)).toBeGreaterThan(Date.now());
  });
});
