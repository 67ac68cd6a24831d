import { describe, expect, it } from 'vitest';
import { jobIdParam, runIdParam, versionParam } from '../../../src/lib/api/params';
import type { AppError } from '../../../src/lib/errors';
import { runIds } from '../../../src/lib/pipeline/ids';
import { batchJobIds } from '../../../src/lib/scoring/batch/jobIds';

function refusal(fn: () => unknown): { status: number; code: string; path: string | undefined } {
  try {
    fn();
  } catch (err) {
    const e = err as AppError;
    return { status: e.status, code: e.code, path: e.details[0]?.path };
  }
  throw new Error('accepted');
}

describe('route parameters', () => {
  it('accepts every id the app makes', () => {
    const long = 'a'.repeat(63);
    for (const id of [
      runIds.forDrop(long, 123456),
      runIds.forSchedule(long, new Date('2024-02-29T23:59:59.999Z')),
      runIds.forRequest('ab'),
    ]) {
      expect(runIdParam(id)).toBe(id);
    }
    for (const id of [batchJobIds.forDrop(long, `${long}/x.csv`, '"0x8D"'), batchJobIds.forRequest('ab')]) {
      expect(jobIdParam(id)).toBe(id);
    }
  });

  it.each([
    ['../deployments/bank', 'runId'],
    ['bank-1/../../x', 'runId'],
    ['%2E%2E%2Fdeployments', 'runId'],
    ['short', 'runId'],
    ['', 'runId'],
  ])('refuses run id %j with a 400 naming %s', (value, path) => {
    expect(refusal(() => runIdParam(value))).toEqual({ status: 400, code: 'invalid_run_id', path });
  });

  it.each(['../registry/x', 'Bank-batch-00000000', 'bank-batch-0000000/'])('refuses job id %j', (value) => {
    expect(refusal(() => jobIdParam(value))).toEqual({ status: 400, code: 'invalid_job_id', path: 'jobId' });
  });

  it('reads versions as decimal digits only', () => {
    expect(versionParam('1')).toBe(1);
    expect(versionParam('42')).toBe(42);
    for (const value of ['0', '-1', '1e0', '0x1', ' 1', '1.0', '01', '..', '1234567890', undefined]) {
      expect(refusal(() => versionParam(value))).toEqual({ status: 400, code: 'invalid_version', path: 'version' });
    }
  });
});
