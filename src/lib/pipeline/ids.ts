import { randomUUID } from 'node:crypto';

/**
 * Run ids. Automatic triggers derive theirs from what triggered them, so a redelivered trigger names the
 * same run (idempotent); a user's POST gets a fresh one.
 */
export const runIds = {
  forDrop: (dataset: string, version: number) => `${dataset}-v${version}-drop`,
  forSchedule: (dataset: string, tick: Date) => `${dataset}-sched-${tick.toISOString().replace(/[-:.]/g, '')}`,
  forRequest: (dataset: string) => `${dataset}-${randomUUID().slice(0, 8)}`,
};
