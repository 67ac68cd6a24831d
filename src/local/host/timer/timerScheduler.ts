import type { Timer } from '@azure/functions';
import { resolveSettingRefs } from '../appSettings';
import { type RegisteredFunction, triggerOf } from '../capture';
import { drain } from '../drain';
import type { HostLog } from '../hostLog';
import type { Invoker } from '../invoker';
import type { TriggerListener } from '../triggerListener';
import { parseSchedule } from './schedule';
import { memoryTimerStatusStore, type TimerStatusStore } from './timerStatus';

export interface TimerSchedulerOptions {
  readonly functions: readonly RegisteredFunction[];
  readonly invoker: Invoker;
  readonly env: NodeJS.ProcessEnv;
  /** Where last/next run times survive restarts (the host's storage account). */
  readonly store: TimerStatusStore;
  /** How long stop() waits for a running timer function. */
  readonly shutdownGraceMs: number;
  readonly log: HostLog;
}

/** A tick that starts later than this after its time counts as past due (the process was busy or asleep). */
const LATE_MS = 1000;
/** setTimeout's ceiling; longer waits are chained. */
const MAX_WAIT_MS = 2 ** 31 - 1;
const NEVER = '0001-01-01T00:00:00.000Z';

/**
 * Timer triggers: each function runs in its own loop — wait for the next occurrence, run, then compute the
 * occurrence after *now* — so a run that outlasts its interval skips ticks instead of overlapping itself.
 * The status (last, next) is persisted like the Functions host's, which makes a tick missed while the
 * host was down fire once at start with `isPastDue`. `runOnStartup` fires once at start too.
 */
export function startTimerScheduler(options: TimerSchedulerOptions): TriggerListener {
  let stopped = false;
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.min(Math.max(ms, 0), MAX_WAIT_MS));
      wakers.add(wake);
    });

  // Schedules are resolved up front: a bad expression or a missing %SETTING% fails the start, not a tick.
  const timers = options.functions.map((fn) => {
    const trigger = triggerOf(fn);
    const expression = resolveSettingRefs(String(trigger['schedule']), options.env);
    return { fn, trigger, schedule: parseSchedule(expression, options.env['WEBSITE_TIME_ZONE']) };
  });
  const loops = timers.map(async ({ fn, trigger, schedule }) => {
    const store = trigger['useMonitor'] === false ? memoryTimerStatusStore() : options.store;
    let last: string = NEVER;

    const run = async (isPastDue: boolean): Promise<void> => {
      const now = new Date();
      const timer: Timer = {
        isPastDue,
        schedule: { adjustForDST: true },
        scheduleStatus: { last, next: schedule(now).toISOString(), lastUpdated: now.toISOString() },
      };
      const invocation = options.invoker.begin(fn, {});
      try {
        await invocation.run(timer);
      } catch (err) {
        options.log('error', `[${fn.name}] timer run ${invocation.invocationId} failed: ${String(err)}`);
      }
      last = now.toISOString();
    };

    try {
      const status = await store.read(fn.name);
      if (status !== undefined) last = status.Last;
      const missed = status !== undefined && Date.parse(status.Next) < Date.now();
      if (missed) options.log('information', `[${fn.name}] missed its ${status.Next} run while the host was down`);
      if (missed || trigger['runOnStartup'] === true) await run(missed);
      while (!stopped) {
        const next = schedule(new Date());
        await store.write(fn.name, { Last: last, Next: next.toISOString(), LastUpdated: new Date().toISOString() });
        while (!stopped && Date.now() < next.getTime()) await sleep(next.getTime() - Date.now());
        if (stopped) break;
        await run(Date.now() - next.getTime() > LATE_MS);
      }
    } catch (err) {
      options.log('error', `[${fn.name}] timer stopped: ${String(err)}`);
    }
  });

  return {
    async stop() {
      stopped = true;
      for (const wake of [...wakers]) wake();
      await drain(loops, options.shutdownGraceMs);
    },
  };
}
