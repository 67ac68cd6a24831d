import type { ContainerClient } from '@azure/storage-blob';

/** Where the Functions host keeps its bookkeeping in the app's storage account. */
export const HOSTS_CONTAINER = 'azure-webjobs-hosts';

export interface BlobVersion {
  readonly container: string;
  readonly name: string;
  /** ETag without quotes: one receipt per version of the blob. */
  readonly etag: string;
}

export interface Receipt {
  readonly status: 'done' | 'failed' | 'poison';
  readonly attempts: number;
  readonly error?: string;
  readonly at: string;
}

/**
 * Blob receipts as the Functions host writes them (`blobreceipts/<host>/<function>/<etag>/<container>/<blob>`),
 * so a blob version fires once even across restarts, plus failure counts and poison records
 * (`blobpoison/<host>/<function>/<container>/<blob>`; Azure queues those on `webjobs-blobtrigger-poison`).
 */
export class BlobReceipts {
  constructor(
    private readonly hosts: ContainerClient,
    private readonly hostId: string,
  ) {}

  async ensureContainer(): Promise<void> {
    await this.hosts.createIfNotExists();
  }

  async get(fn: string, blob: BlobVersion): Promise<Receipt | undefined> {
    try {
      const buffer = await this.hosts.getBlockBlobClient(this.#receiptName(fn, blob)).downloadToBuffer();
      return JSON.parse(buffer.toString('utf8')) as Receipt;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  async put(fn: string, blob: BlobVersion, receipt: Receipt): Promise<void> {
    const text = JSON.stringify(receipt);
    await this.hosts.getBlockBlobClient(this.#receiptName(fn, blob)).upload(text, Buffer.byteLength(text), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
  }

  /** Records a blob version given up on; returns the record's blob name. */
  async poison(fn: string, blob: BlobVersion, receipt: Receipt): Promise<string> {
    const name = `blobpoison/${this.hostId}/${fn}/${blob.container}/${blob.name}`;
    const text = JSON.stringify({ functionName: fn, ...blob, ...receipt });
    await this.hosts.getBlockBlobClient(name).upload(text, Buffer.byteLength(text), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
    });
    await this.put(fn, blob, receipt);
    return name;
  }

  #receiptName(fn: string, blob: BlobVersion): string {
    return `blobreceipts/${this.hostId}/${fn}/${blob.etag}/${blob.container}/${blob.name}`;
  }
}
