/**
 * npm run bench:score [-- --seconds N --rounds N --connections N --learner lgbm] — the seed's benchmark.sh, in
 * milliseconds.
 * Starts in-memory Azurite, deploys a bank marketing model (quickDeploy: one AutoML trial of the learner on the
 * bundled training data), runs the offline host with the compiled score function, and drives it with autocannon:
 *   bare:    a node:http server answering a fixed scoring-sized JSON (the ceiling of this machine, same run);
 *   1 row:   POST /api/models/bankmarketing/score with one test-set row;
 *   100 rows: the same with 100 rows.
 * Bare and 1-row runs alternate (`--rounds`, default 2 of 5 s each: 10 s of each side, as one 10 s run each
 * before; `--rounds 1 --seconds 10` is that older layout), so load from other work on the machine falls on both.
 * Prints requests/s, latency p50/p90/p99, errors and non-2xx per run, rows/s, and the ratios to the targets
 * (1 row ≥ 50 % of bare, p99 ≤ 10 ms at 10 connections, no errors; 100 rows ≥ 100,000 rows/s). Each run also
 * shows the servers' thread (this process's main thread, where both servers run) CPU µs per request: time on
 * a CPU from Linux's schedstat, so time spent waiting for a CPU on the shared machine is not counted
 * (elsewhere, the event loop's active time, which counts it).
 * autocannon generates load from a worker thread (its own event loop, as ab would from another process) on the
 * same 2 cores as the servers; the machine is shared, so figures are noisy (the load average is printed with them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BlobServiceClient } from '@azure/storage-blob';
import { DatasetRegistry } from '../src/lib/registry/datasetRegistry';
import { DeploymentRegistry } from '../src/lib/registry/deploymentRegistry';
import { ModelRegistry } from '../src/lib/registry/modelRegistry';
import { loadDeployedModel } from '../src/lib/scoring/deployedModel';
import { sampleRows } from '../src/lib/scoring/sampleRows';
import { BlobStore } from '../src/lib/storage/blobStore';
import { startAzurite } from '../src/local/azurite';
import { startHost } from '../src/local/host/host';
import { quickDeploy } from '../test/support/quickDeploy';

interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}
interface CannonResult {
  readonly requests: Histogram & { readonly total: number };
  readonly latency: Histogram;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}
/** A run's figures with the server thread's CPU time per request (µs). */
interface Run extends CannonResult {
  readonly serverMicros: number;
}
type Cannon = (options: Record<string, unknown>) => Promise<CannonResult>;
// autocannon ships no types; this is the part of its API used here.
const autocannon = require('autocannon') as Cannon;

const ROOT = join(__dirname, '..', '..');

const SCHEDSTAT = '/proc/thread-self/schedstat';
/** This thread's CPU time in µs: on a CPU (schedstat's first field, ns) where Linux tells it, else busy time. */
const threadMicros = existsSync(SCHEDSTAT)
  ? () => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1000
  : () => performance.eventLoopUtilization().active * 1000;
const DATASET = 'bankmarketing';
const KEY = 'bench-key';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      learner: { type: 'string', default: 'lgbm' },
    },
  });
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);

  const azurite = await startAzurite();
  process.env['AzureWebJobsStorage'] = azurite.connectionString;
  process.env['ServiceBusConnection'] ??=
    'Endpoint=sb://127.0.0.1:1/;SharedAccessKeyName=bench;SharedAccessKey=YmVuY2g=;UseDevelopmentEmulator=true';
  const store = new BlobStore(BlobServiceClient.fromConnectionString(azurite.connectionString));
  const ctx = {
    store,
    datasets: new DatasetRegistry(store),
    models: new ModelRegistry(store),
    deployments: new DeploymentRegistry(store),
    now: () => new Date(),
  };
  const started = Date.now();
  const train = readFileSync(join(ROOT, 'data', 'bankmarketing_train.csv'), 'utf8');
  const { datasetVersion } = await quickDeploy(ctx, DATASET, train, {
    target: 'y',
    timeBudgetSeconds: 120,
    maxTrials: 1,
    allowedModels: [values.learner],
    ensembles: false,
    validation: { kind: 'holdout', fraction: 0.2 },
  });
  console.log(`deployed a ${values.learner} bank model in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const host = await startHost({
    files: [join(ROOT, 'dist', 'src', 'functions', 'score.js')],
    appDir: ROOT,
    port: 0,
    functionKey: KEY,
    log: () => {},
  });
  const url = `${host.baseUrl}/api/models/${DATASET}/score`;
  const headers = { 'content-type': 'application/json', 'x-functions-key': KEY };
  // Payload rows from the registered dataset, as `automl sample` writes them.
  const model = await loadDeployedModel(ctx, DATASET, 1);
  const rows = await sampleRows(store, ctx.datasets, DATASET, datasetVersion, model.columns, 100);
  const one = JSON.stringify({ data: rows.slice(0, 1) });
  const hundred = JSON.stringify({ data: rows });
  const check = await fetch(url, { method: 'POST', headers, body: one });
  const answer = await check.text();
  if (check.status !== 200) throw new Error(`warm-up scoring failed: ${check.status} ${answer}`);

  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-model-version': '1' });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

  const run = async (target: string, body: string): Promise<Run> => {
    const before = threadMicros();
    const result = await autocannon({
      url: target,
      method: 'POST',
      headers,
      body,
      connections,
      duration: seconds,
      workers: 1,
    });
    return { ...result, serverMicros: (threadMicros() - before) / Math.max(1, result.requests.total) };
  };
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${connections} connections, ${seconds} s per run, ${rounds} round(s) of bare and 1 row`,
  );
  const print = (name: string, r: Run, perRequest: number) =>
    console.log(
      `${name.padEnd(15)} ${r.requests.average.toFixed(0).padStart(7)} req/s  ` +
        `p50 ${r.latency.p50} ms  p90 ${r.latency.p90} ms  p99 ${r.latency.p99} ms  ` +
        `errors ${r.errors + r.timeouts}  non-2xx ${r.non2xx}  ${(r.requests.average * perRequest).toFixed(0)} rows/s  ` +
        `server CPU ${r.serverMicros.toFixed(1)} µs/req`,
    );
  // Bare and 1-row runs alternate, so a change in the machine's load lands on both sides of the ratio.
  const bareRuns: Run[] = [];
  const oneRuns: Run[] = [];
  for (let round = 0; round < rounds; round++) {
    bareRuns.push(await run(bareUrl, one));
    print('bare node:http', bareRuns[round]!, 1);
    oneRuns.push(await run(url, one));
    print('score 1 row', oneRuns[round]!, 1);
  }
  const hundredR = await run(url, hundred);
  print('score 100 rows', hundredR, 100);

  const mean = (runs: Run[]) => runs.reduce((s, r) => s + r.requests.average, 0) / runs.length;
  const ratio = mean(oneRuns) / mean(bareRuns);
  const cpu = (runs: Run[]) => runs.reduce((s, r) => s + r.serverMicros, 0) / runs.length;
  // The worst round's p99: percentiles of equal-length runs cannot be merged exactly, this one never flatters.
  const p99 = Math.max(...oneRuns.map((r) => r.latency.p99));
  const rowsPerSecond = hundredR.requests.average * 100;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(
    `1 row / bare: ${(ratio * 100).toFixed(1)} % (mean of ${rounds} alternating run(s) each; target ≥ 50 %: ${verdict(ratio >= 0.5)})`,
  );
  console.log(
    `server CPU per request: bare ${cpu(bareRuns).toFixed(1)} µs, 1 row ${cpu(oneRuns).toFixed(1)} µs ` +
      `(bare / 1 row: ${((cpu(bareRuns) / cpu(oneRuns)) * 100).toFixed(1)} %)`,
  );
  console.log(`1 row p99: ${p99} ms (worst run; target ≤ 10 ms: ${verdict(p99 <= 10)})`);
  const failures = [...bareRuns, ...oneRuns, hundredR].reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
  console.log(`errors + non-2xx: ${failures} (target 0: ${verdict(failures === 0)})`);
  console.log(`100 rows: ${rowsPerSecond.toFixed(0)} rows/s (target ≥ 100,000: ${verdict(rowsPerSecond >= 100_000)})`);
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  bare.close();
  await host.stop();
  await azurite.stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
