import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Predictor, serializeArtifact } from '../../lib/automl/artifact';
import { evaluateFrame } from '../../lib/automl/evaluate';
import { leaderboardChart, searchChart } from '../../lib/automl/run/charts';
import { markdownReport, rowsText } from '../../lib/automl/run/report';
import type { TrialRecord } from '../../lib/automl/run/result';
import { runAutoML } from '../../lib/automl/run/runAutoML';
import type { AutoMLSettingsInput } from '../../lib/automl/run/settings';
import { analyzeCsv } from '../../lib/data/analysis/analyze';
import { readCsvFrame } from '../../lib/data/frame/readFrame';
import { userError } from '../../lib/errors';
import { readProgress } from '../readProgress';

export const summary = 'train a model with AutoML: --data FILE --target COL [--test FILE] [--budget S] [--json]';

const USAGE =
  'usage: automl train --data FILE --target COL [--test FILE] [--budget SECONDS] [--metric NAME] [--seed N] ' +
  '[--concurrency N] [--max-trials N] [--task binary|multiclass|regression] [--out DIR] [--json]';

function integer(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min)
    throw userError('bad_argument', `--${name} must be an integer ≥ ${min}, got '${text}'`);
  return v;
}

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string' },
      target: { type: 'string' },
      test: { type: 'string' },
      budget: { type: 'string' },
      metric: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      'max-trials': { type: 'string' },
      task: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true as const };
  if (values.data === undefined || values.target === undefined) {
    throw userError('bad_argument', '--data and --target are required');
  }
  const budget = values.budget === undefined ? 60 : Number(values.budget);
  if (!(budget > 0))
    throw userError('bad_argument', `--budget must be a positive number of seconds, got '${values.budget}'`);
  const task = values.task;
  if (task !== undefined && task !== 'binary' && task !== 'multiclass' && task !== 'regression') {
    throw userError('bad_argument', `--task must be binary, multiclass or regression, got '${task}'`);
  }
  const seed = integer('seed', values.seed, 0);
  const concurrency = integer('concurrency', values.concurrency, 1);
  const maxTrials = integer('max-trials', values['max-trials'], 1);
  const settings: AutoMLSettingsInput = {
    target: values.target,
    timeBudgetSeconds: budget,
    ...(task === undefined ? {} : { task }),
    ...(values.metric === undefined ? {} : { primaryMetric: values.metric }),
    ...(seed === undefined ? {} : { seed }),
    ...(concurrency === undefined ? {} : { maxConcurrentTrials: concurrency }),
    ...(maxTrials === undefined ? {} : { maxTrials }),
  };
  return { help: false as const, data: values.data, test: values.test, out: values.out, json: values.json, settings };
}

function progressLine(t: TrialRecord, best: TrialRecord): string {
  const score = t.score === null ? `failed${t.error ? ` (${t.error})` : ''}` : `score ${t.score.toFixed(5)}`;
  return (
    `[${t.finishedAt.toFixed(1).padStart(5)} s] trial ${String(t.id).padStart(3)} ${t.learner.padEnd(20)} ${score}` +
    ` (${t.seconds.toFixed(2)} s)   best ${best.score!.toFixed(5)} #${best.id} ${best.learner}\n`
  );
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
}

/** `automl train`: AutoML on a CSV; progress to stderr, results to stdout (one JSON line with --json). */
export async function run(argv: readonly string[]): Promise<number> {
  const started = Date.now();
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    process.stderr.write(`automl train: ${oneLine(err)} (see --help)\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const [train, analysis] = await Promise.all([
      readCsvFrame(args.data),
      analyzeCsv(args.data, {
        target: args.settings.target,
        onProgress: readProgress(args.data, (line) => process.stderr.write(line)),
      }),
    ]);
    const result = await runAutoML(
      train.frame,
      // The data layer's guardrails also name columns to leave out (constant, ID-like, free text).
      { ...args.settings, drop: analysis.drop },
      {
        onTrial: (t, best) => process.stderr.write(progressLine(t, best)),
        guardrails: analysis.guardrails,
        schema: train.schema,
      },
    );
    const s = result.summary;
    const test =
      args.test === undefined
        ? undefined
        : evaluateFrame(
            new Predictor(result.artifact),
            (await readCsvFrame(args.test, { columns: train.schema })).frame,
          );
    if (args.out !== undefined) {
      await mkdir(args.out, { recursive: true });
      await Promise.all([
        writeFile(join(args.out, 'artifact.json'), serializeArtifact(result.artifact)),
        writeFile(join(args.out, 'search.svg'), searchChart(s)),
        writeFile(join(args.out, 'leaderboard.svg'), leaderboardChart(s)),
        writeFile(
          join(args.out, 'report.md'),
          markdownReport(s, { data: args.data, charts: true, ...(test === undefined ? {} : { scored: { test } }) }),
        ),
        writeFile(join(args.out, 'summary.json'), `${JSON.stringify(s, null, 2)}\n`),
      ]);
    }
    const elapsedSeconds = (Date.now() - started) / 1000;
    if (args.json) {
      const out = {
        best: s.best,
        metric: s.metric.name,
        validation: s.validationMetrics,
        test: test ?? null,
        leaderboard: s.leaderboard,
        importance: s.importance,
        guardrails: s.guardrails,
        validationPlan: s.validation,
        stoppedBy: s.stoppedBy,
        notes: s.notes,
        trainingSeconds: s.elapsedSeconds,
        elapsedSeconds,
      };
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
      const lines = [
        `best: ${s.best.learner} (trial #${s.best.trial}), validation ${s.metric.name} ${s.best.score.toFixed(5)}`,
        ...(test === undefined
          ? []
          : [
              `test (${rowsText(test)}): ${Object.entries(test.metrics)
                .map(([k, v]) => `${k} ${v.toFixed(4)}`)
                .join(', ')}`,
            ]),
        `${s.leaderboard.length} leaderboard entries; stopped by ${s.stoppedBy}; ${elapsedSeconds.toFixed(1)} s`,
        ...(args.out === undefined
          ? []
          : [`wrote ${join(args.out, 'artifact.json')} and ${join(args.out, 'report.md')}`]),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`automl train: ${oneLine(err)}\n`);
    return 1;
  }
}
