import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { systemError, transientError } from '../errors';

// Below this, hashing in line costs less than starting a thread (~20 ms) and copying the bytes to it.
const INLINE_BYTES = 16 * 1024 * 1024;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const hash = require('node:crypto').createHash('sha256');
parentPort.on('message', (bytes) => {
  if (bytes === null) parentPort.postMessage(hash.digest('hex'));
  else hash.update(bytes);
});`;

/**
 * sha256 of a byte stream. The first 16 MB are held; a stream that ends within them is hashed in line. A
 * larger one is hashed on a worker thread, in parallel with the parsing: on a 1 GB file, hashing in line took
 * about 4 % of the ingest's time. Chunks must not change once passed (as a stream's do not): the first ones
 * are held, not copied. Call `dispose` when the stream is abandoned, to stop the thread.
 */
export class ContentHash {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private disposed = false;

  update(bytes: Uint8Array): void {
    if (this.worker === undefined) {
      this.held.push(bytes);
      this.heldBytes += bytes.length;
      if (this.heldBytes <= INLINE_BYTES) return;
      this.worker = this.startWorker();
      for (const b of this.held) this.send(b);
      this.held = [];
      return;
    }
    this.send(bytes);
  }

  /** The hex digest of everything passed to `update`; the thread, if any, ends. */
  async digest(): Promise<string> {
    if (this.disposed) throw systemError('hash_disposed', 'The content hash was disposed before its digest.');
    const worker = this.worker;
    if (worker === undefined) {
      const hash = createHash('sha256');
      for (const b of this.held) hash.update(b);
      return hash.digest('hex');
    }
    if (this.failure !== undefined) throw this.failure;
    try {
      return await new Promise<string>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(null);
      });
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    this.disposed = true;
    void this.worker?.terminate();
    this.worker = undefined;
    this.held = [];
  }

  private startWorker(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // Never keeps the process alive; an error is reported by `digest`.
    worker.unref();
    worker.on('error', (err) => {
      this.failure = transientError('hash_failed', `Hashing the file failed: ${err.message}`, err);
    });
    return worker;
  }

  private send(bytes: Uint8Array): void {
    // A copy the thread owns (transferred, not cloned again): the caller keeps using its chunk.
    const copy = new Uint8Array(bytes);
    this.worker?.postMessage(copy, [copy.buffer]);
  }
}
