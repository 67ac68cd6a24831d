import { describe, expect, it } from 'vitest';
import { createTelemetry } from '../../../src/lib/telemetry';
import { LogTelemetry } from '../../../src/lib/telemetry/logTelemetry';
import { stringProperties } from '../../../src/lib/telemetry/telemetry';

describe('telemetry', () => {
  it('logs structured JSON lines when Application Insights is not configured', () => {
    expect(createTelemetry(undefined)).toBeInstanceOf(LogTelemetry);
    expect(createTelemetry('  ')).toBeInstanceOf(LogTelemetry);
    const lines: string[] = [];
    const t = new LogTelemetry((l) => lines.push(l));
    t.event('RunStarted', { runId: 'r1', traceId: 't1', dataset: 'bank' });
    t.metric('AUC_weighted', 0.95, { runId: 'r1' });
    t.exception(Object.assign(new Error('boom'), { code: 'x' }), { runId: 'r1' });
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records[0]).toMatchObject({
      kind: 'event',
      name: 'RunStarted',
      runId: 'r1',
      traceId: 't1',
      dataset: 'bank',
    });
    expect(records[1]).toMatchObject({ kind: 'metric', name: 'AUC_weighted', value: 0.95 });
    expect(records[2]).toMatchObject({ kind: 'exception', message: 'boom', code: 'x' });
    expect(records.every((r) => typeof r['time'] === 'string')).toBe(true);
  });

  it('turns properties into string custom dimensions, dropping undefined', () => {
    expect(stringProperties({ runId: 'r', score: 0.5, ok: true, none: undefined })).toEqual({
      runId: 'r',
      score: '0.5',
      ok: 'true',
    });
  });
});
