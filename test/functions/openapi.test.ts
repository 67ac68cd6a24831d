import { HttpRequest, type HttpResponseInit, InvocationContext } from '@azure/functions';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { modelOpenapi } from '../../src/functions/modelOpenapi';
import { openapi } from '../../src/functions/openapi';
import { createAppContext } from '../../src/lib/app/context';
import { resetAppContext } from '../../src/lib/app/instance';
import { createServices, setServices } from '../../src/lib/app/services';
import { httpHandler } from '../../src/lib/http/handler';
import { resetPublicDocument } from '../../src/lib/openapi/instance';
import { resetScoring } from '../../src/lib/scoring/instance';
import type { BlobStore } from '../../src/lib/storage/blobStore';
import { useAzuriteStore } from '../support/azuriteStore';
import { quickDeploy } from '../support/quickDeploy';

const azurite = useAzuriteStore();
const SECRET_LEVEL = 'zebra-secret';
const SETTINGS = {
  target: 'y',
  timeBudgetSeconds: 20,
  maxTrials: 1,
  maxConcurrentTrials: 1,
  allowedModels: ['logistic_regression'],
  ensembles: false,
  validation: { kind: 'holdout' as const, fraction: 0.2 },
};
const csv = `color,x,y\n${Array.from({ length: 60 }, (_, i) => `${i % 3 === 0 ? SECRET_LEVEL : 'plain'},${i},${i % 2 === 0 ? 'a' : 'b'}`).join('\n')}\n`;
const READS = new Set(['readJson', 'readBuffer', 'openRead', 'list', 'exists']);

/** The store with every read counted, and reads of model files apart (a model load). */
function countingStore(store: BlobStore) {
  const counts = { reads: 0, modelReads: 0 };
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !READS.has(String(property))) return value;
      return (...args: unknown[]) => {
        counts.reads++;
        if (String(args[1]).startsWith('models/')) counts.modelReads++;
        return value.apply(target, args);
      };
    },
  });
  return { store: counted, counts };
}

/** A fresh instance (its caches empty) over a counting store. */
async function freshInstance() {
  const { store, counts } = countingStore(azurite.store);
  const services = createServices({
    AzureWebJobsStorage: azurite.connectionString,
    ServiceBusConnection:
      'Endpoint=sb://127.0.0.1:1/;SharedAccessKeyName=t;SharedAccessKey=dA==;UseDevelopmentEmulator=true',
  });
  await setServices({ ...services, store });
  resetAppContext();
  resetScoring();
  resetPublicDocument();
  return counts;
}

async function anonymousCalls(n: number): Promise<{ reads: number; modelReads: number; body: string }> {
  const counts = await freshInstance();
  let body = '';
  for (let i = 0; i < n; i++) body = String((await openapi()).body);
  return { ...counts, body };
}

describe('GET /api/openapi.json (anonymous) and /api/models/{dataset}/openapi.json (keyed)', () => {
  const ctx = () => createAppContext({ store: azurite.store } as never);
  beforeAll(async () => {
    await quickDeploy(ctx(), 'cost-1', csv, SETTINGS);
  }, 120_000);
  afterEach(async () => {
    await setServices(undefined);
    resetAppContext();
    resetScoring();
    resetPublicDocument();
  });

  it('costs the same store reads for 1 and for 5 deployed models, loads none, and carries no training values', async () => {
    const one = await anonymousCalls(5);
    for (const d of ['cost-2', 'cost-3', 'cost-4', 'cost-5']) await quickDeploy(ctx(), d, csv, SETTINGS);
    const five = await anonymousCalls(5);
    expect(five.reads).toBe(one.reads);
    expect(five.reads).toBeLessThanOrEqual(1);
    expect([one.modelReads, five.modelReads]).toEqual([0, 0]);
    const doc = JSON.parse(five.body) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/models/cost-5/score');
    expect(five.body).not.toContain(SECRET_LEVEL);
    expect(five.body).not.toContain('"example"');
  }, 240_000);

  it('serves the per-model document with categories and an example to keyed callers; 404 for no model', async () => {
    await freshInstance();
    const context = new InvocationContext({ functionName: 'modelOpenapi', logHandler: () => {} });
    const get = async (dataset: string) =>
      (await httpHandler(modelOpenapi)(
        new HttpRequest({
          method: 'GET',
          url: `http://localhost/api/models/${dataset}/openapi.json`,
          params: { dataset },
        }),
        context,
      )) as HttpResponseInit;
    const res = await get('cost-1');
    expect(res?.status).toBe(200);
    const text = JSON.stringify(res?.jsonBody);
    expect(text).toContain(SECRET_LEVEL);
    expect(text).toContain('"example"');
    expect((await get('nothing-here'))?.status).toBe(404);
  });
});
