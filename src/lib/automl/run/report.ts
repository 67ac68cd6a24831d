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

/**
 * The run report in Markdown: what was trained and how it was validated, the chosen model, its metrics (and test
 * metrics when a test file was scored), the leaderboard, importance, guardrails and notes; charts are linked SVGs.
 */
export function markdownReport(
  summary: AutoMLSummary,
  extra: { readonly test?: Readonly<Record<string, number>>; readonly data?: string; readonly charts?: boolean } = {},
): string {
  const s = summary;
  const lines: string[] = [];
  lines.push(`# AutoML run: ${s.target} (${s.task})`, '');
  if (extra.data !== undefined) lines.push(`- Data: \`${extra.data}\``);
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
    `| metric | validation |${extra.test ? ' test |' : ''}`,
    `|---|---|${extra.test ? '---|' : ''}`,
  );
  for (const [name, v] of Object.entries(s.validationMetrics)) {
    lines.push(`| ${name} | ${num(v)} |${extra.test ? ` ${num(extra.test[name])} |` : ''}`);
  }
  if (extra.charts) lines.push('', '## Search', '', '![search](search.svg)', '', '![leaderboard](leaderboard.svg)');
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
