import { publicOpenApiDocument } from './spec';

export interface PublicDocumentOptions {
  /** The deployed datasets (one listing of the deployment pointers). */
  readonly deployed: () => Promise<readonly string[]>;
  readonly version: string;
  /** How long a listing stands before the next call lists again. */
  readonly refreshMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_REFRESH_MS = 5000;

/**
 * The anonymous /openapi.json of one instance, as JSON text. It is anonymous, so anyone can call it as often
 * as they like: a call costs at most one listing of the deployment pointers per `refreshMs` (callers in that
 * time share it), and the text is built again only when the set of deployed datasets changes.
 */
export class PublicDocument {
  private readonly refreshMs: number;
  private readonly now: () => number;
  private text: string | undefined;
  private builtFor: string | undefined;
  private listedAt = Number.NEGATIVE_INFINITY;
  private listing: Promise<string> | undefined;

  constructor(private readonly options: PublicDocumentOptions) {
    this.refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
    this.now = options.now ?? Date.now;
  }

  async json(): Promise<string> {
    if (this.text !== undefined && this.now() - this.listedAt < this.refreshMs) return this.text;
    this.listing ??= this.refresh().finally(() => {
      this.listing = undefined;
    });
    return this.listing;
  }

  private async refresh(): Promise<string> {
    const datasets = await this.options.deployed();
    this.listedAt = this.now();
    const key = datasets.join('\n');
    if (this.text === undefined || key !== this.builtFor) {
      this.text = JSON.stringify(publicOpenApiDocument(datasets, { version: this.options.version }));
      this.builtFor = key;
    }
    return this.text;
  }
}
