import type { BlobStore } from '../storage/blobStore';
import { containers } from '../storage/containers';
import { BlobConflictError, BlobPreconditionError } from '../storage/errors';
import { allocateVersion } from './allocate';
import { type DatasetVersion, datasetClaimSchema, datasetVersionSchema } from './documents';
import { registryPaths, versionOf } from './paths';

const C = containers.registry;

/** What registration needs from an analysed drop: its identity, summary and the documents to keep. */
export interface DatasetRegistration {
  readonly dataset: string;
  readonly sha256: string;
  readonly source: { readonly container: string; readonly name: string; readonly etag: string };
  readonly summary: Pick<DatasetVersion, 'rows' | 'columns' | 'target' | 'task' | 'guardrails' | 'config'>;
  /** Files stored beside version.json (schema.json, profile.json, …), written before the version turns ready. */
  readonly documents: Readonly<Record<string, unknown>>;
}

export type RegistrationResult =
  | { readonly status: 'registered'; readonly version: DatasetVersion; readonly previous?: DatasetVersion }
  | { readonly status: 'duplicate'; readonly version: number };

/**
 * Dataset versions in the registry. Registration is idempotent under redelivery and crashes at any point:
 * a version is found again by its content hash, and it only counts once its document says `ready`.
 */
export class DatasetRegistry {
  constructor(private readonly store: BlobStore) {}

  async versions(dataset: string): Promise<DatasetVersion[]> {
    const names = (await this.store.list(C, registryPaths.datasetPrefix(dataset)))
      .map((b) => b.name)
      .filter((n) => versionOf(n, 'version.json') !== undefined);
    const docs = await Promise.all(names.map((n) => this.store.readJson(C, n, datasetVersionSchema)));
    return docs.flatMap((d) => (d === undefined ? [] : [d.value])).sort((a, b) => a.version - b.version);
  }

  async get(dataset: string, version: number): Promise<DatasetVersion | undefined> {
    return (await this.store.readJson(C, registryPaths.datasetVersion(dataset, version), datasetVersionSchema))?.value;
  }

  async latestReady(dataset: string): Promise<DatasetVersion | undefined> {
    return (await this.versions(dataset)).filter((v) => v.status === 'ready').at(-1);
  }

  /** Dataset names that have at least one version. */
  async datasets(): Promise<string[]> {
    const names = new Set<string>();
    for (const blob of await this.store.list(C, 'datasets/')) {
      const name = blob.name.split('/')[1];
      if (name !== undefined && versionOf(blob.name, 'version.json') !== undefined) names.add(name);
    }
    return [...names].sort();
  }

  async readDocument(dataset: string, version: number, file: string): Promise<unknown> {
    const raw = await this.store.readBuffer(C, registryPaths.datasetFile(dataset, version, file));
    return raw === undefined ? undefined : JSON.parse(raw.value.toString('utf8'));
  }

  /** Registers the drop, or says which version already holds the same content. */
  async register(reg: DatasetRegistration, now: () => Date = () => new Date()): Promise<RegistrationResult> {
    const claim = await this.store.readJson(C, registryPaths.datasetClaim(reg.dataset, reg.sha256), datasetClaimSchema);
    if (claim !== undefined) return { status: 'duplicate', version: claim.value.version };

    const { doc, etag, previous } = await this.reserve(reg, now);
    // The immutable snapshot: a server-side copy, so the version survives the user deleting the drop.
    const snapshot = registryPaths.datasetFile(reg.dataset, doc.version, 'data.csv');
    await this.store.copy(reg.source.container, reg.source.name, C, snapshot);
    for (const [file, value] of Object.entries(reg.documents)) {
      await this.store.writeJson(C, registryPaths.datasetFile(reg.dataset, doc.version, file), value);
    }
    const ready = doc.status === 'ready' ? doc : await this.markReady(doc, etag, now);
    return { status: 'registered', version: ready, ...(previous === undefined ? {} : { previous }) };
  }

  /** A concurrent twin may turn the version ready first: losing that race is success too. */
  private async markReady(doc: DatasetVersion, etag: string, now: () => Date): Promise<DatasetVersion> {
    const ready: DatasetVersion = { ...doc, status: 'ready', readyAt: now().toISOString() };
    const name = registryPaths.datasetVersion(doc.dataset, doc.version);
    try {
      await this.store.updateJson(C, name, ready, etag);
      return ready;
    } catch (err) {
      if (!(err instanceof BlobPreconditionError)) throw err;
      const current = await this.store.readJson(C, name, datasetVersionSchema);
      if (current?.value.status !== 'ready') throw err;
      return current.value;
    }
  }

  /** Marks the content as registered: later drops of the same bytes are duplicates. Call after follow-ups. */
  async claim(dataset: string, sha256: string, version: number, now: () => Date = () => new Date()): Promise<void> {
    try {
      await this.store.createJson(C, registryPaths.datasetClaim(dataset, sha256), {
        schema: 'dataset-claim/v1',
        sha256,
        version,
        claimedAt: now().toISOString(),
      });
    } catch (err) {
      if (!(err instanceof BlobConflictError)) throw err;
    }
  }

  /** The version holding this content (resumed after a crash), or a newly allocated one. */
  private async reserve(
    reg: DatasetRegistration,
    now: () => Date,
  ): Promise<{ doc: DatasetVersion; etag: string; previous?: DatasetVersion }> {
    const existing = await this.versions(reg.dataset);
    const same = existing.find((v) => v.sha256 === reg.sha256);
    const previousOf = (version: number) => existing.filter((v) => v.status === 'ready' && v.version < version).at(-1);
    if (same !== undefined) return this.resume(reg.dataset, same.version, previousOf(same.version));

    const fresh = (version: number): DatasetVersion => ({
      schema: 'dataset-version/v1',
      dataset: reg.dataset,
      version,
      status: 'registering',
      sha256: reg.sha256,
      source: reg.source,
      createdAt: now().toISOString(),
      ...reg.summary,
    });
    const { version, etag } = await allocateVersion(
      this.store,
      C,
      existing.map((v) => v.version),
      (v) => registryPaths.datasetVersion(reg.dataset, v),
      fresh,
    );
    // Two drops of the same bytes at once both allocate: the lower version wins, the other steps back.
    const twin = (await this.versions(reg.dataset)).find((v) => v.sha256 === reg.sha256 && v.version < version);
    if (twin !== undefined) {
      await this.store.delete(C, registryPaths.datasetVersion(reg.dataset, version));
      return this.resume(reg.dataset, twin.version, previousOf(twin.version));
    }
    const previous = previousOf(version);
    return { doc: fresh(version), etag, ...(previous === undefined ? {} : { previous }) };
  }

  private async resume(
    dataset: string,
    version: number,
    previous: DatasetVersion | undefined,
  ): Promise<{ doc: DatasetVersion; etag: string; previous?: DatasetVersion }> {
    const read = await this.store.readJson(C, registryPaths.datasetVersion(dataset, version), datasetVersionSchema);
    if (read === undefined) throw new Error(`dataset ${dataset} v${version} vanished while registering`);
    return { doc: read.value, etag: read.etag, ...(previous === undefined ? {} : { previous }) };
  }
}
