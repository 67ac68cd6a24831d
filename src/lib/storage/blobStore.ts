import type { Readable } from 'node:stream';
import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { z } from 'zod';
import { systemError } from '../errors';
import { checkBlobName, checkBlobPrefix } from './blobName';
import { BlobNotFoundError, storageError } from './errors';

export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

export interface BlobItemInfo {
  readonly name: string;
  readonly etag: string;
  readonly size: number;
  readonly lastModified: Date;
}

const UPLOAD_BLOCK = 4 * 1024 * 1024;

/**
 * Blob storage as the app uses it: JSON documents with optimistic concurrency (create-if-absent,
 * read with ETag, update-if-match) and streams. Every SDK error leaves as a typed AppError. Every name is
 * checked here (blobName.ts) before it reaches the SDK: the one place where names become URLs.
 */
export class BlobStore {
  private readonly known = new Set<string>();

  constructor(readonly service: BlobServiceClient) {}

  container(name: string): ContainerClient {
    return this.service.getContainerClient(name);
  }

  async ensureContainer(name: string): Promise<void> {
    if (this.known.has(name)) return;
    try {
      await this.container(name).createIfNotExists();
    } catch (err) {
      throw storageError(err, name, '');
    }
    this.known.add(name);
  }

  /** Creates the document only if no blob has the name; a second writer gets BlobConflictError. */
  async createJson(container: string, name: string, value: unknown): Promise<string> {
    return this.put(container, name, json(value), 'application/json', { ifNoneMatch: '*' });
  }

  /** Replaces the document only if it still has `etag`; a stale writer gets BlobPreconditionError. */
  async updateJson(container: string, name: string, value: unknown, etag: string): Promise<string> {
    return this.put(container, name, json(value), 'application/json', { ifMatch: etag });
  }

  /** Unconditional write, for documents with a single writer (reports, immutable snapshots by unique name). */
  async writeJson(container: string, name: string, value: unknown): Promise<string> {
    return this.put(container, name, json(value), 'application/json', {});
  }

  async writeText(container: string, name: string, text: string, contentType: string): Promise<string> {
    return this.put(container, name, Buffer.from(text), contentType, {});
  }

  /** Reads and validates a JSON document; undefined when absent. A document failing its schema is corrupt state. */
  async readJson<S extends z.ZodType>(
    container: string,
    name: string,
    schema: S,
  ): Promise<Versioned<z.infer<S>> | undefined> {
    const raw = await this.readBuffer(container, name);
    if (raw === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.value.toString('utf8'));
    } catch (err) {
      throw systemError('corrupt_document', `${container}/${name} is not valid JSON`, err);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const first = result.error.issues[0];
      const where = first === undefined ? '' : ` at ${first.path.join('.')}: ${first.message}`;
      throw systemError('corrupt_document', `${container}/${name} does not match its schema${where}`, result.error);
    }
    return { value: result.data, etag: raw.etag };
  }

  async readBuffer(container: string, name: string): Promise<Versioned<Buffer> | undefined> {
    checkBlobName(container, name);
    try {
      const blob = this.container(container).getBlockBlobClient(name);
      const response = await blob.download();
      const body = await streamToBuffer(response.readableStreamBody);
      return { value: body, etag: response.etag ?? '' };
    } catch (err) {
      const typed = storageError(err, container, name);
      if (typed instanceof BlobNotFoundError) return undefined;
      throw typed;
    }
  }

  /** A download stream (starts the request; fails with BlobNotFoundError when absent). */
  async openRead(container: string, name: string): Promise<{ stream: Readable; etag: string; size: number }> {
    checkBlobName(container, name);
    try {
      const response = await this.container(container).getBlockBlobClient(name).download();
      const stream = response.readableStreamBody as Readable | undefined;
      if (stream === undefined) throw systemError('no_body', `${container}/${name} returned no body`);
      return { stream, etag: response.etag ?? '', size: response.contentLength ?? 0 };
    } catch (err) {
      throw storageError(err, container, name);
    }
  }

  /** Streams into a block blob in staged blocks: memory stays bounded by block size × concurrency. */
  async uploadStream(container: string, name: string, stream: Readable, contentType: string): Promise<string> {
    checkBlobName(container, name);
    try {
      await this.ensureContainer(container);
      const response = await this.container(container)
        .getBlockBlobClient(name)
        .uploadStream(stream, UPLOAD_BLOCK, 2, { blobHTTPHeaders: { blobContentType: contentType } });
      return response.etag ?? '';
    } catch (err) {
      throw storageError(err, container, name);
    }
  }

  async exists(container: string, name: string): Promise<boolean> {
    checkBlobName(container, name);
    try {
      return await this.container(container).getBlockBlobClient(name).exists();
    } catch (err) {
      throw storageError(err, container, name);
    }
  }

  async delete(container: string, name: string): Promise<void> {
    checkBlobName(container, name);
    try {
      await this.container(container).getBlockBlobClient(name).deleteIfExists();
    } catch (err) {
      throw storageError(err, container, name);
    }
  }

  /** Deletes only the version that was read; a changed blob gets BlobPreconditionError, an absent one is fine. */
  async deleteIfMatch(container: string, name: string, etag: string): Promise<void> {
    checkBlobName(container, name);
    try {
      await this.container(container)
        .getBlockBlobClient(name)
        .deleteIfExists({ conditions: { ifMatch: etag } });
    } catch (err) {
      throw storageError(err, container, name);
    }
  }

  /** Server-side copy within the account (snapshots and quarantine moves never stream through us). */
  async copy(fromContainer: string, fromName: string, toContainer: string, toName: string): Promise<void> {
    checkBlobName(fromContainer, fromName);
    checkBlobName(toContainer, toName);
    try {
      await this.ensureContainer(toContainer);
      const source = this.container(fromContainer).getBlockBlobClient(fromName);
      const poller = await this.container(toContainer).getBlockBlobClient(toName).beginCopyFromURL(source.url);
      await poller.pollUntilDone();
    } catch (err) {
      throw storageError(err, toContainer, toName);
    }
  }

  /** Names are listed as stored: a caller that follows one meets the check in the method it calls. */
  async list(container: string, prefix: string): Promise<BlobItemInfo[]> {
    checkBlobPrefix(container, prefix);
    const items: BlobItemInfo[] = [];
    try {
      for await (const item of this.container(container).listBlobsFlat({ prefix })) {
        items.push({
          name: item.name,
          etag: item.properties.etag ?? '',
          size: item.properties.contentLength ?? 0,
          lastModified: item.properties.lastModified,
        });
      }
    } catch (err) {
      const typed = storageError(err, container, prefix);
      if (typed instanceof BlobNotFoundError) return [];
      throw typed;
    }
    return items;
  }

  private async put(
    container: string,
    name: string,
    body: Buffer,
    contentType: string,
    conditions: { ifNoneMatch?: string; ifMatch?: string },
  ): Promise<string> {
    checkBlobName(container, name);
    try {
      await this.ensureContainer(container);
      const response = await this.container(container)
        .getBlockBlobClient(name)
        .upload(body, body.length, { conditions, blobHTTPHeaders: { blobContentType: contentType } });
      return response.etag ?? '';
    } catch (err) {
      throw storageError(err, container, name);
    }
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value, null, 2));
}

async function streamToBuffer(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (stream === undefined) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
