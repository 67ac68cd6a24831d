/**
 * Micro-benchmark of the tree learners on the shared bank marketing data (train file → test file):
 * test AUC, fit seconds, predictor rows/s (batch) and µs per single row, against the targets.
 * `node dist/bench/trees.js big` instead fits a synthetic 1,000,000 × 20 set and reports peak RSS.
 * Timings on the shared 2-core machine are noisy; each figure is printed with a calibration loop measured
 * in the same run so runs can be compared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extraTreesLearner, randomForestLearner } from '../src/lib/automl/forest';
import { gbdtLearner } from '../src/lib/automl/gbdt';
import { Random } from '../src/lib/automl/random';
import { type CompiledTrees, compiledFromJSON } from '../src/lib/automl/tree/compiled';
import { addLeafMaskOutputs, buildLeafMasks } from '../src/lib/automl/tree/leafMasks';
import { addTreeOutputs, walkTrees } from '../src/lib/automl/tree/predict';
import type { Dataset, FeatureInfo, FittedModel, LearnerSpec, Params, Target } from '../src/lib/automl/types';
import type { Frame } from '../src/lib/data/frame/frame';
import { readCsvFrame } from '../src/lib/data/frame/readFrame';

// The bundled copy (data/, CC BY 4.0); dist/bench/ sits two levels below the repository root.
const DATA = join(__dirname, '..', '..', 'data');

function toDataset(frame: Frame, targetName: string, levels: Map<string, number>): { data: Dataset; y: Int32Array } {
  const features: FeatureInfo[] = [];
  const columns: Float64Array[] = [];
  let y = new Int32Array(0);
  for (const c of frame.columns) {
    if (c.name === targetName) {
      if (c.kind !== 'categorical') throw new Error('target must be categorical');
      y = Int32Array.from(c.codes, (code) => (c.levels[code] === 'yes' ? 1 : 0));
      continue;
    }
    if (c.kind === 'numeric') {
      features.push({ name: c.name, kind: 'numeric' });
      columns.push(c.values);
    } else {
      const categories = levels.get(c.name) ?? c.levels.length;
      levels.set(c.name, categories);
      features.push({ name: c.name, kind: 'categorical', categories });
      columns.push(Float64Array.from(c.codes, (code) => (code < 0 ? Number.NaN : code)));
    }
  }
  return { data: { rows: frame.rowCount, features, columns }, y };
}

/** Rank AUC with ties averaged. */
function auc(y: Int32Array, score: Float64Array): number {
  const order = Array.from(y, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && score[order[j]!] === score[order[i]!]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (y[order[k]!] !== 1) continue;
      positives++;
      rankSum += rank;
    }
    i = j;
  }
  const negatives = y.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function positiveScores(model: FittedModel, data: Dataset): Float64Array {
  const out = new Float64Array(data.rows * 2);
  model.predict(data, out);
  return Float64Array.from({ length: data.rows }, (_, i) => out[i * 2 + 1]!);
}

function accuracy(y: Int32Array, p: Float64Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if ((p[i]! >= 0.5 ? 1 : 0) === y[i]) ok++;
  return ok / y.length;
}

/** A fixed integer workload: how fast this core is right now, to compare noisy runs. */
function calibrate(): number {
  const a = new Uint8Array(1 << 20).map((_, i) => (i * 2654435761) >>> 24);
  const h = new Float64Array(256);
  const t0 = performance.now();
  for (let rep = 0; rep < 50; rep++) for (let i = 0; i < a.length; i++) h[a[i]!]! += i;
  return (performance.now() - t0) / 1000;
}

/** CPU seconds of this process since `from` (the machine is shared: wall time includes waiting for a core). */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

function timeFit(learner: LearnerSpec, data: Dataset, target: Target, params: Params): [FittedModel, string] {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const model = learner.fit(data, target, params, { seed: 1 });
  return [model, `${((performance.now() - t0) / 1000).toFixed(2)} (cpu ${cpuSeconds(c0).toFixed(2)})`];
}

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

/** Rows per CPU second in batches, and CPU µs per single-row call. */
function measurePredict(model: FittedModel, data: Dataset): { rowsPerSecond: number; microsPerRow: number } {
  const out = new Float64Array(data.rows * model.outputs);
  model.predict(data, out);
  let c0 = process.cpuUsage();
  let reps = 0;
  while (cpuSeconds(c0) < 2) {
    model.predict(data, out);
    reps++;
  }
  const rowsPerSecond = (reps * data.rows) / cpuSeconds(c0);
  const single: Dataset = { rows: 1, features: data.features, columns: data.columns.map(() => new Float64Array(1)) };
  const one = new Float64Array(model.outputs);
  const n = Math.min(data.rows, 2000);
  c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < data.columns.length; j++) single.columns[j]![0] = data.columns[j]![i]!;
    model.predict(single, one);
  }
  return { rowsPerSecond, microsPerRow: (cpuSeconds(c0) * 1e6) / n };
}

type Scorer = (
  trees: CompiledTrees,
  columns: readonly Float64Array[],
  s: number,
  e: number,
  out: Float64Array,
  w: number,
) => void;

/**
 * The predictor (leaf masks in WebAssembly) against the same masks in JavaScript and the node-by-node walk,
 * on the model's trees, in alternating rounds so all see the same machine load: CPU rows/s in batches and
 * CPU µs per single row.
 */
function comparePredictors(model: FittedModel, data: Dataset): void {
  const trees = compiledFromJSON((model.toJSON() as { trees: unknown }).trees, data.columns.length, model.outputs);
  const masks = buildLeafMasks(trees, data.columns, 0, Math.min(data.rows, 1024));
  if (masks === null) throw new Error('the bank model should fit the leaf masks');
  const scorers: [string, Scorer][] = [
    ['walk', walkTrees],
    ['leaf masks in JavaScript', (t, c, s, e, o, w) => addLeafMaskOutputs(masks, t, c, s, e, o, w)],
    ['leaf masks in WebAssembly (the predictor)', addTreeOutputs],
  ];
  const out = new Float64Array(data.rows * model.outputs);
  const one = new Float64Array(model.outputs);
  const single = data.columns.map(() => new Float64Array(1));
  const batchCpu = scorers.map(() => 0);
  const singleCpu = scorers.map(() => 0);
  const singles = Math.min(data.rows, 1000);
  for (const [, score] of scorers) score(trees, data.columns, 0, data.rows, out, model.outputs);
  for (let round = 0; round < 6; round++) {
    scorers.forEach(([, score], k) => {
      let c0 = process.cpuUsage();
      for (let rep = 0; rep < 3; rep++) score(trees, data.columns, 0, data.rows, out, model.outputs);
      batchCpu[k]! += cpuSeconds(c0);
      c0 = process.cpuUsage();
      for (let i = 0; i < singles; i++) {
        for (let j = 0; j < single.length; j++) single[j]![0] = data.columns[j]![i]!;
        score(trees, single, 0, 1, one, model.outputs);
      }
      singleCpu[k]! += cpuSeconds(c0);
    });
  }
  scorers.forEach(([label], k) => {
    const rowsPerSecond = (6 * 3 * data.rows) / batchCpu[k]!;
    const micros = (singleCpu[k]! * 1e6) / (6 * singles);
    console.log(
      `  ${label}: ${Math.round(rowsPerSecond).toLocaleString('en')} rows/s in batches ` +
        `(${(batchCpu[0]! / batchCpu[k]!).toFixed(2)}× the walk), ${micros.toFixed(1)} µs per single row`,
    );
  });
}

async function bank(): Promise<void> {
  const train = await readCsvFrame(`${DATA}/bankmarketing_train.csv`);
  const test = await readCsvFrame(`${DATA}/bankmarketing_test.csv`, { columns: train.schema });
  const levels = new Map<string, number>();
  const tr = toDataset(train.frame, 'y', levels);
  const te = toDataset(test.frame, 'y', levels);
  const target: Target = { task: 'binary', classes: ['no', 'yes'], y: tr.y };
  console.log(`bank: ${tr.data.rows} train rows, ${te.data.rows} test rows, ${tr.data.features.length} features`);
  console.log(`calibration loop: ${calibrate().toFixed(3)} s (lower = faster core right now)`);

  const rows: string[][] = [['learner', 'test AUC', 'accuracy', 'fit s wall (cpu)', 'target']];
  const [gbdt, gbdtSeconds] = timeFit(gbdtLearner, tr.data, target, {});
  const gp = positiveScores(gbdt, te.data);
  rows.push([
    'lgbm defaults (500 trees, 31 leaves)',
    auc(te.y, gp).toFixed(4),
    accuracy(te.y, gp).toFixed(4),
    gbdtSeconds,
    'AUC ≥ 0.945, fit ≤ 4 s',
  ]);
  for (const [learner, label] of [
    [randomForestLearner, 'rf defaults'],
    [extraTreesLearner, 'extra_trees defaults'],
  ] as const) {
    const [model, seconds] = timeFit(learner, tr.data, target, {});
    const p = positiveScores(model, te.data);
    const oob = (model as unknown as { oob: { score: number } | null }).oob;
    rows.push([
      label,
      auc(te.y, p).toFixed(4),
      accuracy(te.y, p).toFixed(4),
      seconds,
      learner === randomForestLearner ? `AUC ≥ 0.944; OOB accuracy ${oob?.score.toFixed(4)}` : '',
    ]);
  }
  for (const r of rows) console.log(r.join(' | '));

  const speed = measurePredict(gbdt, te.data);
  console.log(
    `predictor (500-tree lgbm, one core, CPU time): ${Math.round(speed.rowsPerSecond).toLocaleString('en')} rows/s in batches of ` +
      `${te.data.rows} (target ≥ 500,000: ${(speed.rowsPerSecond / 500_000).toFixed(2)}×), ${speed.microsPerRow.toFixed(1)} µs per ` +
      'single row (target ≤ 50)',
  );
  console.log('tree scoring alone, same run, alternating (CPU time):');
  comparePredictors(gbdt, te.data);
  console.log(
    `model JSON: ${(JSON.stringify(gbdt.toJSON()).length / 2 ** 20).toFixed(1)} MiB; peak RSS ${peakRssMb().toFixed(0)} MB`,
  );
}

/** 1,000,000 × 20 synthetic binary task: 16 numeric and 4 categorical features, some missing values. */
function big(): void {
  const rows = 1_000_000;
  const rng = new Random(7);
  const features: FeatureInfo[] = [];
  const columns: Float64Array[] = [];
  for (let j = 0; j < 20; j++) {
    const categorical = j >= 16;
    features.push(
      categorical ? { name: `c${j}`, kind: 'categorical', categories: 12 } : { name: `x${j}`, kind: 'numeric' },
    );
    columns.push(
      Float64Array.from({ length: rows }, () =>
        categorical ? rng.int(12) : rng.next() < 0.02 ? Number.NaN : rng.normal(),
      ),
    );
  }
  const y = Int32Array.from({ length: rows }, (_, i) => {
    const s = columns[0]![i]! * 1.5 - (columns[1]![i]! || 0) + (columns[16]![i]! % 3 === 0 ? 1 : -0.5) + rng.normal();
    return s > 0 ? 1 : 0;
  });
  const data: Dataset = { rows, features, columns };
  const before = peakRssMb();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const model = gbdtLearner.fit(data, { task: 'binary', classes: ['0', '1'], y }, { nEstimators: 100 }, { seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(c0);
  const p = positiveScores(model, data);
  console.log(
    `synthetic 1,000,000 × 20, lgbm 100 trees: fit ${seconds.toFixed(1)} s (cpu ${cpu.toFixed(1)}), train AUC ${auc(y, p).toFixed(4)}, ` +
      `peak RSS ${peakRssMb().toFixed(0)} MB (data alone ${before.toFixed(0)} MB; target < 2048 MB)`,
  );
}

if (process.argv[2] === 'big') big();
else void bank();
