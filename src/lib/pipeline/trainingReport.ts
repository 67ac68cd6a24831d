import type { AutoMLSummary } from '../automl/run/result';
import type { DatasetVersion, Run } from '../registry/documents';

/** The model's human-readable report (markdown), stored beside the artifact. */
export function trainingReport(run: Run, version: DatasetVersion, s: AutoMLSummary, holdoutScore: number): string {
  const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(4));
  const rows = s.leaderboard
    .slice(0, 15)
    .map(
      (t, i) => `| ${i + 1} | ${t.learner} | ${t.origin} | ${fmt(t.score)} | ${t.seconds.toFixed(1)} | ${t.status} |`,
    );
  const importance = s.importance.slice(0, 10).map((c) => `| ${c.column} | ${c.importance.toFixed(4)} |`);
  return [
    `# ${run.dataset}: run ${run.runId}`,
    '',
    `Dataset v${version.version} (${version.rows} rows, sha256 ${version.sha256.slice(0, 12)}…), target \`${s.target}\`, task ${s.task}.`,
    `Validation: ${s.validation.kind} (${s.validation.folds} fold(s), ${s.validation.rows} rows) — ${s.validation.reason}.`,
    `Best: **${s.best.learner}** ${s.metric.name} ${fmt(s.best.score)} on validation, ${fmt(holdoutScore)} on the champion/challenger holdout.`,
    `Search stopped by ${s.stoppedBy} after ${s.elapsedSeconds.toFixed(1)} s.`,
    '',
    '| # | learner | origin | score | seconds | status |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Permutation importance (validation)',
    '',
    '| column | importance |',
    '|---|---|',
    ...importance,
    '',
    ...s.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
