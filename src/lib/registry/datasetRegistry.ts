import { DATASET_NAME } from '../datasetName';
import { userError } from '../errors';
import type { BlobStore } from '../storage/blobStore';
import { containers } from '../storage/containers';
import { BlobConflictError, BlobNotFoundError } from '../storage/errors';
import { type DatasetVersion, datasetClaimSchema, datasetVersionSchema } from './documents';
import { registryPaths, versionOf } from './paths';
import { VersionLog } from './versionLog';

const C = containers.registry;

/** What registration needs from an analysed drop: its identity, summary and the documents to keep. */
export interface DatasetRegistration {
  readonly dataset: string;
  readonly sha256: string;
  readonly source: { readonly container: string; readonly name: string; readonly etag: string };
  readonly summary: Pick<DatasetVersion, 'rows' | 'columns' | 'target' | 'task' | 'guardrails' | 'config' | 'drop'>;
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

  private log(dataset: string): VersionLog<DatasetVersion> {
    return new VersionLog(this.store, C, registryPaths.datasetPrefix(dataset), 'version.json', datasetVersionSchema);
  }

  versions(dataset: string): Promise<DatasetVersion[]> {
    return this.log(dataset).list();
  }

  async get(dataset: string, version: number): Promise<DatasetVersion | undefined> {
    return (await this.log(dataset).get(version))?.value;
  }

  async latestReady(dataset: string): Promise<DatasetVersion | undefined> {
    return (await this.versions(dataset)).filter((v) => v.status === 'ready').at(-1);
  }

  /** Dataset names that have at least one version (a listed name that breaks the rule is not one). */
  async datasets(): Promise<string[]> {
    const names = new Set<string>();
    for (const blob of await this.store.list(C, 'datasets/')) {
      const name = blob.name.split('/')[1];
      if (name === undefined || !DATASET_NAME.test(name)) continue;
      if (versionOf(blob.name, 'version.json') !== undefined) names.add(name);
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

    const log = this.log(reg.dataset);
    const { doc, etag } = await log.reserve(
      (v) => v.sha256 === reg.sha256 && v.status !== 'failed',
      (version) => ({
        schema: 'dataset-version/v1',
        dataset: reg.dataset,
        version,
        status: 'registering',
        sha256: reg.sha256,
        source: reg.source,
        createdAt: now().toISOString(),
        ...reg.summary,
      }),
    );
    // The immutable snapshot: a server-side copy, so the version survives the user deleting the drop.
    const snapshot = registryPaths.datasetFile(reg.dataset, doc.version, 'data.csv');
    try {
      await this.store.copy(reg.source.container, reg.source.name, C, snapshot);
    } catch (err) {
      if (!(err instanceof BlobNotFoundError)) throw err;
      // The user deleted the file after it was read: the version ends failed rather than registering forever.
      const error = userError(
        'source_deleted',
        `${reg.source.container}/${reg.source.name} was deleted while it was being registered`,
        { hint: 'Upload the file again to register it.', cause: err },
      );
      const at = now().toISOString();
      await log.markFailed(doc, etag, {
        ...doc,
        status: 'failed',
        failedAt: at,
        error: { code: error.code, message: error.message },
      });
      throw error;
    }
    for (const [file, value] of Object.entries(reg.documents)) {
      await this.store.writeJson(C, registryPaths.datasetFile(reg.dataset, doc.version, file), value);
    }
    const ready = await log.markReady(doc, etag, { ...doc, status: 'ready', readyAt: now().toISOString() });
    const previous = (await log.list()).filter((v) => v.status === 'ready' && v.version < ready.version).at(-1);
    return { status: 'registered', version: ready, ...(previous === undefined ? {} : { previous }) };
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
}
