import type { z } from 'zod';
import type { BlobStore } from '../storage/blobStore';
import { BlobConflictError, BlobPreconditionError } from '../storage/errors';
import { versionOf } from './paths';

export interface VersionDoc {
  readonly version: number;
  readonly status: 'registering' | 'ready' | 'failed';
}

/**
 * Numbered versions (`{prefix}v{N}/{file}`) allocated without a lock by conditional creates, and found again
 * by a natural key (content hash, run id) so that a registration interrupted at any point resumes its own
 * version instead of allocating another. A version counts only once its document says `ready`.
 */
export class VersionLog<T extends VersionDoc> {
  constructor(
    private readonly store: BlobStore,
    private readonly container: string,
    private readonly prefix: string,
    private readonly file: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  nameOf(version: number): string {
    return `${this.prefix}v${version}/${this.file}`;
  }

  async list(): Promise<T[]> {
    const names = (await this.store.list(this.container, this.prefix))
      .map((b) => b.name)
      .filter((n) => n.startsWith(this.prefix) && versionOf(n, this.file) !== undefined);
    const docs = await Promise.all(names.map((n) => this.store.readJson(this.container, n, this.schema)));
    return docs.flatMap((d) => (d === undefined ? [] : [d.value])).sort((a, b) => a.version - b.version);
  }

  async get(version: number): Promise<{ value: T; etag: string } | undefined> {
    return this.store.readJson(this.container, this.nameOf(version), this.schema);
  }

  /** The version whose document matches `sameKey` (resumed), or a newly allocated one holding `fresh(N)`. */
  async reserve(sameKey: (doc: T) => boolean, fresh: (version: number) => T): Promise<{ doc: T; etag: string }> {
    const existing = await this.list();
    const same = existing.find(sameKey);
    if (same !== undefined) return this.resume(same.version);

    let version = existing.reduce((max, v) => Math.max(max, v.version), 0) + 1;
    let etag = '';
    for (; ; version++) {
      try {
        etag = await this.store.createJson(this.container, this.nameOf(version), fresh(version));
        break;
      } catch (err) {
        if (!(err instanceof BlobConflictError)) throw err;
      }
    }
    // Two writers with the same key at once both allocate: the lower version wins, the other steps back.
    const twin = (await this.list()).find((v) => sameKey(v) && v.version < version);
    if (twin !== undefined) {
      await this.store.delete(this.container, this.nameOf(version));
      return this.resume(twin.version);
    }
    return { doc: fresh(version), etag };
  }

  /** Turns a reserved version ready; a twin that turned it ready first counts as success. */
  async markReady(doc: T, etag: string, ready: T): Promise<T> {
    if (doc.status === 'ready') return doc;
    try {
      await this.store.updateJson(this.container, this.nameOf(doc.version), ready, etag);
      return ready;
    } catch (err) {
      if (!(err instanceof BlobPreconditionError)) throw err;
      const current = await this.get(doc.version);
      if (current?.value.status !== 'ready') throw err;
      return current.value;
    }
  }

  /** Ends a reserved version as failed; if another writer changed it since, its outcome stands. */
  async markFailed(doc: T, etag: string, failed: T): Promise<void> {
    try {
      await this.store.updateJson(this.container, this.nameOf(doc.version), failed, etag);
    } catch (err) {
      if (!(err instanceof BlobPreconditionError)) throw err;
    }
  }

  private async resume(version: number): Promise<{ doc: T; etag: string }> {
    const read = await this.get(version);
    if (read === undefined) throw new Error(`${this.nameOf(version)} vanished while registering`);
    return { doc: read.value, etag: read.etag };
  }
}
