import type { Evaluation } from '../evaluate';
import type { AutoMLSummary, TrialRecord } from './result';

function num(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(5);
}

function paramsText(t: TrialRecord): string {
  if (t.members !== undefined) return t.members.map((m) => `#${m.trial}×${m.weight.toFixed(2)}`).join(' ');
  return Object.entries(t.params)
    .map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(3) : v}`)
    .join(', ');
}

/** What the report says beyond the run's summary; every part is optional. */
export interface ReportContext {
  /** The data file trained on (CLI). */
  readonly data?: string;
  /** Link the search and leaderboard charts (written beside the report). */
  readonly charts?: boolean;
  /** The pipeline run that trained the model, and the dataset version it read. */
  readonly run?: {
    readonly runId: string;
    readonly dataset: string;
    readonly version: number;
    readonly rows: number;
    readonly sha256: string;
  };
  /** The model judged on rows kept out of the search, by name: a test file (CLI), the champion/challenger holdout. */
  readonly scored?: Readonly<Record<string, Evaluation>>;
}

/**
 * The run report in Markdown, one for the CLI and the train stage: what was trained and how it was validated,
 * the chosen model, its metrics (and on held-out rows when scored, with the rows left out), the leaderboard,
 * importance, guardrails and notes; charts are linked SVGs.
 */
export function markdownReport(summary: AutoMLSummary, context: ReportContext = {}): string {
  const s = summary;
  const run = context.run;
  const scored = Object.entries(context.scored ?? {});
  const lines: string[] = [];
  lines.push(`# AutoML run${run ? ` ${run.runId} of ${run.dataset}` : ''}: ${s.target} (${s.task})`, '');
  if (run !== undefined) {
    lines.push(`- Dataset: v${run.version}, ${run.rows} rows, sha256 ${run.sha256.slice(0, 12)}…`);
  }
  if (context.data !== undefined) lines.push(`- Data: \`${context.data}\``);
  if (s.classes !== undefined) lines.push(`- Classes: ${s.classes.join(', ')}`);
  lines.push(
    `- Primary metric: **${s.metric.name}** (${s.metric.greaterIsBetter ? 'higher' : 'lower'} is better)`,
    `- Validation: ${s.validation.reason}; ${s.validation.rows} validation rows`,
    `- Budget: ${s.settings.timeBudgetSeconds} s, used ${s.elapsedSeconds.toFixed(1)} s; search stopped by ${s.stoppedBy.replace(/_/g, ' ')}; ${s.leaderboard.filter((t) => t.origin !== 'ensemble').length} trials, seed ${s.settings.seed}`,
    '',
    '## Best model',
    '',
    `**${s.best.learner}** (trial #${s.best.trial}), validation ${s.metric.name} **${num(s.best.score)}**; shipped as ${s.best.final.replace(/_/g, ' ')}.`,
  );
  if (s.best.threshold !== undefined) lines.push(`Decision threshold tuned on validation: ${s.best.threshold}.`);
  lines.push('', '| member | learner | weight | parameters |', '|---|---|---|---|');
  for (const m of s.best.members) {
    const t = s.leaderboard.find((r) => r.id === m.trial);
    lines.push(`| #${m.trial} | ${m.learner} | ${m.weight.toFixed(3)} | ${t ? paramsText(t) : ''} |`);
  }
  lines.push(
    '',
    '## Metrics',
    '',
    `| metric | validation |${scored.map(([name]) => ` ${name} |`).join('')}`,
    `|---|---|${scored.map(() => '---|').join('')}`,
  );
  for (const [name, v] of Object.entries(s.validationMetrics)) {
    lines.push(`| ${name} | ${num(v)} |${scored.map(([, e]) => ` ${num(e.metrics[name])} |`).join('')}`);
  }
  if (scored.length > 0) lines.push('', ...scored.map(([name, e]) => `- ${name}: ${rowsText(e)}`));
  if (context.charts) lines.push('', '## Search', '', '![search](search.svg)', '', '![leaderboard](leaderboard.svg)');
  lines.push(
    '',
    '## Leaderboard',
    '',
    `| rank | trial | learner | ${s.metric.name} | seconds | status | parameters |`,
    '|---|---|---|---|---|---|---|',
  );
  s.leaderboard.forEach((t, i) => {
    lines.push(
      `| ${i + 1} | #${t.id} | ${t.learner} | ${num(t.score)} | ${t.seconds.toFixed(2)} | ${t.status}${t.error ? `: ${t.error}` : ''} | ${paramsText(t)} |`,
    );
  });
  if (s.importance.length > 0) {
    lines.push(
      '',
      '## Permutation importance (validation rows)',
      '',
      `| column | drop in ${s.metric.name} |`,
      '|---|---|',
    );
    for (const c of s.importance) lines.push(`| ${c.column} | ${num(c.importance)} |`);
  }
  if (s.guardrails.length > 0) {
    lines.push('', '## Data guardrails', '', '| guardrail | status | description |', '|---|---|---|');
    for (const g of s.guardrails) lines.push(`| ${g.name} | ${g.status} | ${g.description} |`);
  }
  if (s.notes.length > 0) lines.push('', '## Notes', '', ...s.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

/** The rows an evaluation scored and the ones its policy left out. */
export function rowsText(e: Evaluation): string {
  const left = [
    e.missingTarget > 0 ? `${e.missingTarget} with a missing target` : '',
    e.unseenLabels > 0 ? `${e.unseenLabels} with a label the model never saw` : '',
    e.beyondLimit > 0 ? `${e.beyondLimit} beyond the row limit` : '',
  ].filter((t) => t !== '');
  return `${e.rows} rows scored${left.length > 0 ? `; left out: ${left.join(', ')}` : ''}`;
}
