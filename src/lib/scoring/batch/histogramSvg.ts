import type { BatchSummary } from './summary';

const W = 640;
const H = 360;
const M = { top: 48, right: 24, bottom: 56, left: 64 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The probability histogram as a self-contained SVG (no scripts, no external fonts): one bar per decile with its
 * count, the mean marked, and the model in the title. Undefined for regression models.
 */
export function histogramSvg(summary: BatchSummary): string | undefined {
  const p = summary.probability;
  if (p === null) return undefined;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const peak = Math.max(1, ...p.histogram.map((b) => b.count));
  const barW = plotW / p.histogram.length;
  const y = (count: number) => M.top + plotH - (count / peak) * plotH;
  const bars = p.histogram.map((b, i) => {
    const x = M.left + i * barW;
    const top = y(b.count);
    return (
      `<rect x="${(x + 2).toFixed(1)}" y="${top.toFixed(1)}" width="${(barW - 4).toFixed(1)}" ` +
      `height="${(M.top + plotH - top).toFixed(1)}" fill="#2b6cb0"><title>${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.count} rows</title></rect>` +
      `<text x="${(x + barW / 2).toFixed(1)}" y="${(top - 4).toFixed(1)}" text-anchor="middle" font-size="11">${b.count}</text>` +
      `<text x="${x.toFixed(1)}" y="${M.top + plotH + 16}" text-anchor="middle" font-size="11">${b.from.toFixed(1)}</text>`
    );
  });
  const mean =
    p.mean === null
      ? ''
      : `<line x1="${(M.left + p.mean * plotW).toFixed(1)}" x2="${(M.left + p.mean * plotW).toFixed(1)}" y1="${M.top}" ` +
        `y2="${M.top + plotH}" stroke="#c53030" stroke-dasharray="4 3"/>` +
        `<text x="${(M.left + p.mean * plotW + 4).toFixed(1)}" y="${M.top + 12}" font-size="11" fill="#c53030">mean ${p.mean.toFixed(3)}</text>`;
  const title = `${summary.model.name} v${summary.model.version}: ${p.of} (${summary.rows.scored} rows)`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
    `<line x1="${M.left}" x2="${M.left + plotW}" y1="${M.top + plotH}" y2="${M.top + plotH}" stroke="#333"/>`,
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + plotH}" stroke="#333"/>`,
    `<text x="${M.left - 8}" y="${M.top + 4}" text-anchor="end" font-size="11">${peak}</text>`,
    `<text x="${M.left - 8}" y="${M.top + plotH}" text-anchor="end" font-size="11">0</text>`,
    `<text x="${M.left + plotW}" y="${M.top + plotH + 16}" text-anchor="middle" font-size="11">1.0</text>`,
    `<text x="${M.left + plotW / 2}" y="${H - 12}" text-anchor="middle" font-size="12">${escapeXml(p.of)}</text>`,
    `<text transform="translate(16 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">rows</text>`,
    ...bars,
    mean,
    '</svg>',
    '',
  ].join('\n');
}
