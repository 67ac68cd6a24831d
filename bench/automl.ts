/**
 * `npm run bench:automl [-- BUDGET...]`: AutoML on the shared bank marketing data (train file → test file) for
 * budgets of 10, 30 and 60 s, printing test metrics and their ratio to the reference figures of the platform
 * notes. The machine is shared: the load average is printed with every run, since timings depend on it.
 */

import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Predictor } from '../src/lib/automl/artifact';
import { evaluateFrame } from '../src/lib/automl/evaluate';
import { runAutoML } from '../src/lib/automl/run/runAutoML';
import { readCsvFrame } from '../src/lib/data/frame/readFrame';

// The bundled copy (data/, CC BY 4.0); dist/bench/ sits two levels below the repository root.
const DATA = process.env['BANK_DATA_DIR'] ?? join(__dirname, '..', '..', 'data');
const REFERENCES = [
  { name: 'tuned XGBoost', auc: 0.9487 },
  { name: 'mean of tuned GBDTs', auc: 0.9482 },
  { name: 'Azure AutoML (best)', auc: 0.9478 },
];
const AZURE_ACCURACY = 0.918;

async function main(): Promise<void> {
  const budgets = process.argv.slice(2).map(Number);
  const train = await readCsvFrame(`${DATA}/bankmarketing_train.csv`);
  const test = (await readCsvFrame(`${DATA}/bankmarketing_test.csv`, { columns: train.schema })).frame;
  const rows: string[][] = [];
  for (const budget of budgets.length > 0 ? budgets : [10, 30, 60]) {
    const load = loadavg()[0]!.toFixed(1);
    const started = Date.now();
    const { summary, artifact } = await runAutoML(train.frame, { target: 'y', timeBudgetSeconds: budget, seed: 42 });
    const { metrics } = evaluateFrame(new Predictor(artifact), test);
    const auc = metrics['AUC_weighted']!;
    const accuracy = metrics['accuracy']!;
    const trials = summary.leaderboard.filter((t) => t.origin !== 'ensemble').length;
    rows.push([
      `${budget}`,
      auc.toFixed(4),
      accuracy.toFixed(4),
      ...REFERENCES.map((r) => (auc / r.auc).toFixed(4)),
      (accuracy / AZURE_ACCURACY).toFixed(4),
      ((Date.now() - started) / 1000).toFixed(1),
      `${trials}`,
      summary.best.learner,
      load,
    ]);
    process.stderr.write(
      `budget ${budget} s done: AUC ${auc.toFixed(4)}, ${trials} trials, best ${summary.best.learner}\n`,
    );
  }
  const header = [
    'budget s',
    'test AUC_weighted',
    'test accuracy',
    ...REFERENCES.map((r) => `AUC / ${r.name} ${r.auc}`),
    `accuracy / Azure ${AZURE_ACCURACY}`,
    'elapsed s',
    'trials',
    'best',
    'load avg (1 min) at start',
  ];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:automl: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
