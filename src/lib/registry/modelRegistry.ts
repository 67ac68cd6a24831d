import type { BlobStore } from '../storage/blobStore';
import { containers } from '../storage/containers';
import { type ModelVersion, modelVersionSchema } from './documents';
import { registryPaths } from './paths';
import { VersionLog } from './versionLog';

const C = containers.registry;

export interface ModelRegistration {
  readonly manifest: Omit<ModelVersion, 'schema' | 'version' | 'status' | 'createdAt'>;
  /** Files beside model.json: artifact.json (text, kept byte-exact for its sha256), leaderboard.json, report.md … */
  readonly files: Readonly<Record<string, { readonly text: string; readonly contentType: string }>>;
}

/**
 * Model versions per dataset lineage. One run registers at most one version: the run id is the natural key,
 * so a redelivered or crashed training stage resumes its own version instead of adding another.
 */
export class ModelRegistry {
  constructor(private readonly store: BlobStore) {}

  private log(dataset: string): VersionLog<ModelVersion> {
    return new VersionLog(this.store, C, `models/${dataset}/`, 'model.json', modelVersionSchema);
  }

  versions(dataset: string): Promise<ModelVersion[]> {
    return this.log(dataset).list();
  }

  async get(dataset: string, version: number): Promise<ModelVersion | undefined> {
    return (await this.log(dataset).get(version))?.value;
  }

  async byRun(dataset: string, runId: string): Promise<ModelVersion | undefined> {
    return (await this.versions(dataset)).find((v) => v.runId === runId && v.status === 'ready');
  }

  async readFile(dataset: string, version: number, file: string): Promise<string | undefined> {
    return (await this.store.readBuffer(C, registryPaths.modelFile(dataset, version, file)))?.value.toString('utf8');
  }

  async register(reg: ModelRegistration, now: () => Date = () => new Date()): Promise<ModelVersion> {
    const { dataset, runId } = reg.manifest;
    const log = this.log(dataset);
    const { doc, etag } = await log.reserve(
      (v) => v.runId === runId,
      (version) => ({
        ...reg.manifest,
        schema: 'model-version/v1',
        version,
        status: 'registering',
        createdAt: now().toISOString(),
      }),
    );
    for (const [file, { text, contentType }] of Object.entries(reg.files)) {
      await this.store.writeText(C, registryPaths.modelFile(dataset, doc.version, file), text, contentType);
    }
    const ready: ModelVersion = { ...doc, ...reg.manifest, schema: doc.schema, version: doc.version, status: 'ready' };
    return log.markReady(doc, etag, { ...ready, createdAt: doc.createdAt });
  }
}
