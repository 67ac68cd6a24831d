import { describe, expect, it } from 'vitest';
import {
  blobNameProblem,
  checkBlobName,
  checkBlobPrefix,
  MAX_BLOB_NAME_CHARS,
} from '../../../src/lib/storage/blobName';
import { isAppErrorWithCode } from '../../support/matchers';

describe('blob names', () => {
  it.each([
    'bank/train.csv',
    'datasets/bank/v12/version.json',
    'x/..csv',
    'x/...',
    'a.b/c..d/.hidden',
    'unicode/é 中文 file.csv',
    '50%.csv',
    'x/my%20file.csv',
    'x'.repeat(MAX_BLOB_NAME_CHARS),
  ])('accepts %s', (name) => {
    expect(blobNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['x'.repeat(MAX_BLOB_NAME_CHARS + 1), '1024'],
    ['ds/../../registry/canary/victim.json', "'..'"],
    ['../x', "'..'"],
    ['x/..', "'..'"],
    ['./x', "'.'"],
    ['x/./y', "'.'"],
    ['/x', 'empty path segment'],
    ['x/', 'empty path segment'],
    ['x//y', 'empty path segment'],
    ['x/%2E%2E/%2E%2E/datasets/bankmarketing/bankmarketing_train.csv', 'percent-decoded'],
    ['x/%2e./y', 'percent-decoded'],
    ['x/..%2F..%2Fregistry', 'percent-decoded'],
    ['x/%5C..', 'percent-decoded'],
    ['x\\..\\..\\registry\\a', 'backslash'],
    ['x/a\u0000b', 'control character'],
    ['x/a\nb', 'control character'],
    ['x/a\u007fb', 'control character'],
  ])('refuses %j, saying why (%s)', (name, reason) => {
    expect(blobNameProblem(name)).toContain(reason);
  });

  it('checkBlobName answers a user error (400) naming the container, the name and the reason', () => {
    expect(checkBlobName('datasets', 'bank/train.csv')).toBe('bank/train.csv');
    let caught: unknown;
    try {
      checkBlobName('datasets', 'ds/../../registry/x');
    } catch (err) {
      caught = err;
    }
    expect(caught).toSatisfy(isAppErrorWithCode('invalid_blob_name'));
    expect(caught).toMatchObject({ status: 400, userFixable: true, retryable: false });
    expect((caught as Error).message).toContain('datasets/ds/../../registry/x');
    expect((caught as { details: { message: string }[] }).details[0]?.message).toContain("'..'");
  });

  it('a listing prefix may be empty or end with /, but is otherwise a name', () => {
    expect(checkBlobPrefix('registry', '')).toBe('');
    expect(checkBlobPrefix('registry', 'runs/')).toBe('runs/');
    expect(checkBlobPrefix('registry', 'datasets/ba')).toBe('datasets/ba');
    expect(() => checkBlobPrefix('registry', 'x//')).toThrow(/empty path segment/);
    expect(() => checkBlobPrefix('scoring-inputs', 'x/%2E%2E/')).toThrow(/percent-decoded/);
    expect(() => checkBlobPrefix('scoring-inputs', '../')).toThrow(/'\.\.'/);
  });
});
