import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { BlobStore } from '../../storage/blobStore';

/**
 * A CSV being uploaded while it is written: text goes into a PassThrough that `BlobStore.uploadStream` stages
 * as blocks. The blob only appears when the block list is committed at `close()`, so a crash leaves no partial
 * file under the name, and a rerun simply replaces it.
 */
export class BlobCsvWriter {
  private readonly pass = new PassThrough({ highWaterMark: 1 << 20 });
  private readonly upload: Promise<string>;
  private failed: unknown;

  constructor(store: BlobStore, container: string, name: string) {
    this.upload = store.uploadStream(container, name, this.pass, 'text/csv; charset=utf-8');
    // Kept so an abandoned upload never surfaces as an unhandled rejection; close() rethrows it.
    this.upload.catch((err: unknown) => {
      this.failed = err;
    });
  }

  write(text: string | Buffer): void {
    if (text.length > 0) this.pass.write(text);
  }

  /** Resolves once the buffered text has gone to the uploader (undefined when nothing is waiting). */
  drained(): Promise<unknown> | undefined {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    return this.pass.writableNeedDrain ? Promise.race([once(this.pass, 'drain'), this.upload]) : undefined;
  }

  async close(): Promise<void> {
    this.pass.end();
    await this.upload;
  }

  /** Stops the upload without committing it. */
  async abort(): Promise<void> {
    this.pass.destroy(new Error('aborted'));
    await this.upload.catch(() => undefined);
  }
}
