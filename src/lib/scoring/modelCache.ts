import type { DeployedModel } from './deployedModel';

/** Where the cache learns what is deployed and how to load it (the registry in production, fakes in tests). */
export interface ModelSource {
  deployedVersion(dataset: string): Promise<number | undefined>;
  load(dataset: string, version: number): Promise<DeployedModel>;
}

export interface ModelCacheOptions {
  /** How often the deployment pointer is read per dataset, at most. */
  readonly checkIntervalMs?: number;
  readonly now?: () => number;
  /** A background check failed; the previous model keeps serving. */
  readonly onError?: (dataset: string, err: unknown) => void;
}

interface Entry {
  /** What serves now; undefined when nothing is deployed. */
  model: DeployedModel | undefined;
  checkedAt: number;
  checking: Promise<void> | undefined;
}

export const DEFAULT_CHECK_INTERVAL_MS = 5000;

/**
 * The models of one instance, per dataset. A model is loaded once; the pointer is re-read at most every
 * `checkIntervalMs`, in the background, and a new version replaces the old only once fully loaded. A request
 * holds the model object it started with, so requests in flight finish on the old model and none waits for
 * or fails because of a swap. Only the very first request of a dataset (or one with nothing deployed) waits.
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private readonly interval: number;
  private readonly now: () => number;

  constructor(
    private readonly source: ModelSource,
    private readonly options: ModelCacheOptions = {},
  ) {
    this.interval = options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  async get(dataset: string): Promise<DeployedModel | undefined> {
    let entry = this.entries.get(dataset);
    if (entry === undefined) {
      entry = { model: undefined, checkedAt: Number.NEGATIVE_INFINITY, checking: undefined };
      this.entries.set(dataset, entry);
    }
    if (entry.checking === undefined && this.now() - entry.checkedAt >= this.interval) {
      entry.checking = this.check(dataset, entry);
    }
    // With a model to serve, never wait: the check completes in the background.
    if (entry.model === undefined && entry.checking !== undefined) await entry.checking;
    return entry.model;
  }

  /** Resolves when no check is running (tests and graceful shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.checking));
  }

  private async check(dataset: string, entry: Entry): Promise<void> {
    entry.checkedAt = this.now();
    try {
      const version = await this.source.deployedVersion(dataset);
      if (version === undefined) entry.model = undefined;
      else if (version !== entry.model?.version) entry.model = await this.source.load(dataset, version);
    } catch (err) {
      // Waiting callers (nothing to serve yet) get the error and the next request checks again;
      // otherwise the old model keeps serving.
      if (entry.model === undefined) {
        entry.checkedAt = Number.NEGATIVE_INFINITY;
        throw err;
      }
      this.options.onError?.(dataset, err);
    } finally {
      entry.checking = undefined;
    }
  }
}
