import type { AutoMLSummary } from './result';

/** Colour per learner family, stable across charts. */
const PALETTE = ['#4477aa', '#ee6677', '#228833', '#ccbb44', '#66ccee', '#aa3377', '#bbbbbb'];

function colourOf(learners: string[], name: string): string {
  let i = learners.indexOf(name);
  if (i < 0) i = learners.push(name) - 1;
  return PALETTE[i % PALETTE.length]!;
}

/** Learner names in a fixed order, so a family has the same colour in every chart of a run. */
function familyOrder(summary: AutoMLSummary): string[] {
  return [...new Set(summary.leaderboard.map((t) => t.learner))].sort();
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(4);
}

/** Every trial's score against the time it finished, with the best-so-far as a step line. */
export function searchChart(summary: AutoMLSummary): string {
  const W = 720;
  const H = 360;
  const m = { left: 64, right: 140, top: 36, bottom: 44 };
  const trials = summary.leaderboard.filter((t) => t.origin !== 'ensemble' && t.score !== null);
  const scores = trials.map((t) => t.score!);
  // Zoom on the interesting band, the best three quarters of the trials: weak ones are pinned to the edge instead of
  // flattening the plot.
  const sorted = [...scores].sort((a, b) => a - b);
  const n = sorted.length;
  let lo = summary.metric.greaterIsBetter ? sorted[Math.floor((n - 1) / 4)]! : sorted[0]!;
  let hi = summary.metric.greaterIsBetter ? sorted[n - 1]! : sorted[Math.ceil(((n - 1) * 3) / 4)]!;
  if (hi - lo < 1e-9) {
    lo -= 0.01;
    hi += 0.01;
  }
  const pad = (hi - lo) * 0.1;
  lo -= pad;
  hi += pad;
  const tMax = Math.max(summary.elapsedSeconds, ...trials.map((t) => t.finishedAt), 1e-3);
  const x = (s: number) => m.left + (s / tMax) * (W - m.left - m.right);
  const y = (v: number) => m.top + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (H - m.top - m.bottom);
  const learners = familyOrder(summary);
  const dots = trials
    .map(
      (t) =>
        `<circle cx="${x(t.finishedAt).toFixed(1)}" cy="${y(t.score!).toFixed(1)}" r="4" fill="${colourOf(learners, t.learner)}" fill-opacity="0.75"><title>#${t.id} ${esc(t.learner)} ${fmt(t.score!)}</title></circle>`,
    )
    .join('');
  const steps = summary.trace.map((p, i) =>
    i === 0
      ? `M${x(p.seconds).toFixed(1)} ${y(p.score).toFixed(1)}`
      : `H${x(p.seconds).toFixed(1)} V${y(p.score).toFixed(1)}`,
  );
  const path = steps.length === 0 ? '' : `${steps.join(' ')} H${x(tMax).toFixed(1)}`;
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const v = lo + f * (hi - lo);
      const s = f * tMax;
      return (
        `<line x1="${m.left}" x2="${W - m.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eee"/>` +
        `<text x="${m.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>` +
        `<text x="${x(s).toFixed(1)}" y="${H - m.bottom + 16}" text-anchor="middle">${s.toFixed(0)}s</text>`
      );
    })
    .join('');
  const legend = [...new Set(trials.map((t) => t.learner))]
    .sort()
    .map(
      (l, i) =>
        `<circle cx="${W - m.right + 16}" cy="${m.top + 10 + i * 18}" r="5" fill="${colourOf(learners, l)}"/>` +
        `<text x="${W - m.right + 26}" y="${m.top + 14 + i * 18}">${esc(l)}</text>`,
    )
    .join('');
  return svg(
    W,
    H,
    `<text x="${m.left}" y="22" font-size="14" font-weight="bold">Search: ${esc(summary.metric.name)} on validation vs time (best so far as a line)</text>` +
      ticks +
      `<path d="${path}" fill="none" stroke="#222" stroke-width="2"/>` +
      dots +
      legend +
      `<text x="${(m.left + W - m.right) / 2}" y="${H - 8}" text-anchor="middle">seconds since start</text>`,
  );
}

/** The best entries of the leaderboard as horizontal bars (ensembles included). */
export function leaderboardChart(summary: AutoMLSummary, top = 15): string {
  const rows = summary.leaderboard.filter((t) => t.score !== null).slice(0, top);
  const W = 720;
  const bar = 22;
  const m = { left: 200, right: 80, top: 36, bottom: 16 };
  const H = m.top + m.bottom + rows.length * bar;
  const scores = rows.map((r) => r.score!);
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  // Bars start a little below the worst shown score so differences in the last decimals stay visible.
  const base = summary.metric.greaterIsBetter ? lo - (hi - lo || Math.abs(hi) * 0.01 || 1) * 0.5 : 0;
  const span = Math.max(hi - base, 1e-12);
  const learners = familyOrder(summary);
  const bars = rows
    .map((r, i) => {
      const w = Math.max(2, ((r.score! - base) / span) * (W - m.left - m.right));
      const yy = m.top + i * bar;
      const label = `#${r.id} ${r.learner}`;
      return (
        `<text x="${m.left - 8}" y="${yy + 15}" text-anchor="end">${esc(label)}</text>` +
        `<rect x="${m.left}" y="${yy + 3}" width="${w.toFixed(1)}" height="${bar - 6}" fill="${colourOf(learners, r.learner)}"/>` +
        `<text x="${m.left + w + 6}" y="${yy + 15}">${fmt(r.score!)}</text>`
      );
    })
    .join('');
  return svg(
    W,
    H,
    `<text x="12" y="22" font-size="14" font-weight="bold">Leaderboard: ${esc(summary.metric.name)} on validation (top ${rows.length})</text>${bars}`,
  );
}

function svg(w: number, h: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12"><rect width="${w}" height="${h}" fill="#fff"/>${body}</svg>\n`;
}
