import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/lib/errors';
import { workerFile } from '../../src/lib/workerFile';

const SRC_CHUNKS = join(__dirname, '../../src/lib/data/chunks');

describe('workerFile', () => {
  it('from sources, points at the compiled module in dist/', () => {
    expect(workerFile(SRC_CHUNKS, 'chunkWorker')).toBe(
      join(__dirname, '../../dist/src/lib/data/chunks/chunkWorker.js'),
    );
  });

  it('says to build when the compiled module is missing', () => {
    let error: unknown;
    try {
      workerFile(SRC_CHUNKS, 'noSuchWorker');
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('worker_missing');
    expect(String(error)).toContain('npm run build');
  });
});
