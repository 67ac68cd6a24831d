import { parseArgs } from 'node:util';
import { isAppError } from '../../lib/errors';
import { DatasetRegistry } from '../../lib/registry/datasetRegistry';
import { DeploymentRegistry } from '../../lib/registry/deploymentRegistry';
import { ModelRegistry } from '../../lib/registry/modelRegistry';
import { samplePayload } from '../../lib/scoring/samplePayload';
import { BlobStore } from '../../lib/storage/blobStore';
import { blobServiceClientFromSettings } from '../../lib/storage/serviceClient';
import { loadLocalSettings } from '../../local/settingsFile';

export const summary =
  'Write a valid scoring payload from a registered dataset (--dataset NAME [--rows N] [--method predict|predict_proba])';

const USAGE = 'usage: automl sample --dataset NAME [--rows N] [--method predict|predict_proba] > data.json';

export async function run(argv: readonly string[]): Promise<number> {
  let values: { dataset?: string; rows?: string; method?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { dataset: { type: 'string' }, rows: { type: 'string' }, method: { type: 'string' } },
    }));
  } catch (err) {
    process.stderr.write(`automl sample: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const rows = Number(values.rows ?? '2');
  const method = values.method;
  if (values.dataset === undefined || !Number.isInteger(rows) || rows < 1 || rows > 10_000) {
    process.stderr.write(`automl sample: --dataset is required and --rows is 1 to 10000\n${USAGE}\n`);
    return 2;
  }
  if (method !== undefined && method !== 'predict' && method !== 'predict_proba') {
    process.stderr.write(`automl sample: --method is predict or predict_proba\n${USAGE}\n`);
    return 2;
  }
  try {
    // The registry the app uses: AzureWebJobsStorage from the environment, else local.settings.json as the host reads it.
    loadLocalSettings(process.cwd());
    const store = new BlobStore(blobServiceClientFromSettings(process.env));
    const ctx = {
      store,
      datasets: new DatasetRegistry(store),
      models: new ModelRegistry(store),
      deployments: new DeploymentRegistry(store),
    };
    const payload = await samplePayload(ctx, values.dataset, rows, method);
    process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
    return 0;
  } catch (err) {
    const hint = isAppError(err) && err.hint !== undefined ? ` Hint: ${err.hint}` : '';
    process.stderr.write(`automl sample: ${err instanceof Error ? err.message : String(err)}${hint}\n`);
    return 1;
  }
}
