import { describe, expect, it } from 'vitest';
import { AppError, classify, systemError, transientError, userError } from '../../src/lib/errors';

describe('errors', () => {
  it('user errors are fixable, not retryable, and 400 by default', () => {
    const err = userError('bad_field', 'age must be a number', { details: [{ path: 'age', message: 'NaN' }] });
    expect(err).toBeInstanceOf(AppError);
    expect(classify(err)).toEqual({ userFixable: true, retryable: false });
    expect(err.status).toBe(400);
    expect(err.toJSON()).toEqual({
      code: 'bad_field',
      message: 'age must be a number',
      details: [{ path: 'age', message: 'NaN' }],
    });
  });

  it('transient errors are retryable 503s; system errors are neither', () => {
    expect(classify(transientError('down', 'storage unreachable'))).toEqual({ userFixable: false, retryable: true });
    expect(transientError('down', 'x').status).toBe(503);
    expect(classify(systemError('bug', 'invariant broken'))).toEqual({ userFixable: false, retryable: false });
  });

  it('unknown throwables count as retryable system faults', () => {
    expect(classify(new Error('boom'))).toEqual({ userFixable: false, retryable: true });
    expect(classify('string')).toEqual({ userFixable: false, retryable: true });
  });
});
