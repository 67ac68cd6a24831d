import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll } from 'vitest';
import { DatasetRegistry } from '../../../src/lib/registry/datasetRegistry';
import { DeploymentRegistry } from '../../../src/lib/registry/deploymentRegistry';
import { ModelRegistry } from '../../../src/lib/registry/modelRegistry';
import { BlobStore } from '../../../src/lib/storage/blobStore';
import { type RunningAzurite, startAzurite } from '../../../src/local/azurite';
import { type RunningHost, startHost } from '../../../src/local/host/host';
import { quickDeploy } from '../../support/quickDeploy';

export const ROOT = join(__dirname, '..', '..', '..');
export const KEY = 'scoring-test-key';
export const DATASET = 'bankmarketing';

/** The first `rows` data rows of the bundled bank marketing training file, with its header. */
export function bankCsv(rows: number): string {
  const lines = readFileSync(join(ROOT, 'data', 'bankmarketing_train.csv'), 'utf8').split('\n');
  return `${lines.slice(0, rows + 1).join('\n')}\n`;
}

/** A small, fast bank model: logistic regression, one trial, on the first rows. */
export const QUICK_SETTINGS = {
  target: 'y',
  timeBudgetSeconds: 20,
  maxTrials: 1,
  maxConcurrentTrials: 1,
  allowedModels: ['logistic_regression'],
  ensembles: false,
  validation: { kind: 'holdout' as const, fraction: 0.2 },
};

export interface ScoringHost {
  readonly host: RunningHost;
  readonly registries: {
    store: BlobStore;
    datasets: DatasetRegistry;
    models: ModelRegistry;
    deployments: DeploymentRegistry;
    now: () => Date;
  };
  /** POST with the function key, JSON body (a string is sent as is). */
  call(path: string, body?: unknown, init?: RequestInit): Promise<Response>;
}

/**
 * In-memory Azurite, then the offline host on a free port with the compiled scoring functions (dist/, as
 * `npm test` builds it) — the same modules Azure loads. `deploy` runs before the host starts.
 */
export function useScoringHost(deploy?: (registries: ScoringHost['registries']) => Promise<void>): ScoringHost {
  let azurite: RunningAzurite | undefined;
  let host: RunningHost | undefined;
  let registries: ScoringHost['registries'] | undefined;
  beforeAll(async () => {
    azurite = await startAzurite();
    process.env['AzureWebJobsStorage'] = azurite.connectionString;
    // Never connected to: scoring publishes nothing, but the instance's services need the setting.
    process.env['ServiceBusConnection'] ??=
      'Endpoint=sb://127.0.0.1:1/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==;UseDevelopmentEmulator=true';
    process.env['SCORING_MODEL_CHECK_MS'] = '100';
    const store = new BlobStore(BlobServiceClient.fromConnectionString(azurite.connectionString));
    registries = {
      store,
      datasets: new DatasetRegistry(store),
      models: new ModelRegistry(store),
      deployments: new DeploymentRegistry(store),
      now: () => new Date(),
    };
    await deploy?.(registries);
    const dir = join(ROOT, 'dist', 'src', 'functions');
    host = await startHost({
      files: ['score', 'promoteModel', 'openapi', 'modelOpenapi', 'docs'].map((f) => join(dir, `${f}.js`)),
      appDir: ROOT,
      port: 0,
      functionKey: KEY,
      log: () => {},
    });
  });
  afterAll(async () => {
    await host?.stop();
    await azurite?.stop();
  });
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the scoring host is not started yet (use inside tests)');
    return v;
  };
  return {
    get host() {
      return need(host);
    },
    get registries() {
      return need(registries);
    },
    call: (path, body, init = {}) =>
      fetch(need(host).baseUrl + path, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        ...init,
        headers: {
          'x-functions-key': KEY,
          'content-type': 'application/json',
          ...(init.headers as Record<string, string>),
        },
      }),
  };
}

/** Registers and deploys the quick bank model on `rows` rows. */
export async function deployQuickBank(registries: ScoringHost['registries'], rows = 2000): Promise<void> {
  await quickDeploy(registries, DATASET, bankCsv(rows), QUICK_SETTINGS);
}
