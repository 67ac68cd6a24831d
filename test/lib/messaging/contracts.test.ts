import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors';
import { parseMessage } from '../../../src/lib/messaging/parse';
import { queues } from '../../../src/lib/messaging/queues';
import { formatTraceparent, newTrace, parseTraceparent } from '../../../src/lib/messaging/traceContext';

const train = {
  schema: 'automl-train/v1',
  runId: 'run-12345678',
  dataset: 'bankmarketing',
  version: 1,
  trigger: 'blob',
};

describe('message contracts', () => {
  it('accepts a valid body as object, JSON string or Buffer', () => {
    expect(parseMessage(queues.train, train)).toEqual(train);
    expect(parseMessage(queues.train, JSON.stringify(train))).toEqual(train);
    expect(parseMessage(queues.train, Buffer.from(JSON.stringify(train)))).toEqual(train);
  });

  it('refuses an unknown schema version as a non-retryable user error naming the field', () => {
    try {
      parseMessage(queues.train, { ...train, schema: 'automl-train/v9' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).retryable).toBe(false);
      expect((err as AppError).details.map((d) => d.path)).toEqual(['schema']);
    }
  });

  it.each([
    [queues.train, { ...train, runId: '../deployments/bankmarketing' }, 'runId'],
    [queues.train, { ...train, runId: 'bank-v1-drop/../../x' }, 'runId'],
    [queues.train, { ...train, version: 1.5 }, 'version'],
    [
      queues.deploy,
      { schema: 'automl-deploy/v1', runId: '..%2F..%2Fx-yyyy', dataset: 'bank', modelVersion: 1 },
      'runId',
    ],
    [
      queues.deploy,
      { schema: 'automl-deploy/v1', runId: 'bank-v1-drop', dataset: 'bank', modelVersion: 0 },
      'modelVersion',
    ],
    [queues.batch, { schema: 'automl-batch/v1', jobId: '../../registry/deployments/bank', dataset: 'bank' }, 'jobId'],
    [queues.batch, { schema: 'automl-batch/v1', jobId: 'Bank-Batch-0001', dataset: 'bank' }, 'jobId'],
  ] as const)('refuses a %s message whose id breaks its rule, naming the field', (queue, body, field) => {
    try {
      parseMessage(queue, body);
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).code).toBe('invalid_message');
      expect((err as AppError).details.map((d) => d.path)).toEqual([field]);
    }
  });

  it('refuses a body meant for another queue', () => {
    expect(() => parseMessage(queues.deploy, train)).toThrow(/automl-deploy/);
  });
});

describe('trace context', () => {
  it('round-trips a traceparent header', () => {
    const trace = newTrace();
    expect(parseTraceparent(formatTraceparent(trace))).toEqual(trace);
    expect(parseTraceparent('garbage')).toBeUndefined();
    expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
