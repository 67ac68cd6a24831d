import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { analyzeCsv, type DatasetAnalysis } from '../../lib/data/analysis/analyze';
import type { ColumnProfile } from '../../lib/data/profile/columnProfiler';
import { isAppError } from '../../lib/errors';
import { readProgress } from '../readProgress';

export const summary =
  'Profile a CSV: schema, statistics, target, task and guardrails (--data FILE [--target COL] [--config automl.json] [--json])';

const USAGE = 'usage: automl profile --data FILE [--target COL] [--config automl.json] [--json]';

function fmt(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '';
  return Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-3)
    ? x.toExponential(3)
    : String(Math.round(x * 1000) / 1000);
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, j) => cell.padEnd(widths[j]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function columnRow(c: ColumnProfile, datetime: boolean): string[] {
  const n = c.numeric;
  const time = (x: number | undefined) => (x === undefined ? '' : new Date(x).toISOString());
  const top =
    n === undefined
      ? c.top
          .slice(0, 3)
          .map((t) => `${t.value} (${t.count})`)
          .join(', ')
      : '';
  return [
    c.name,
    c.type,
    String(c.missing),
    `${c.approximate ? '~' : ''}${c.distinct}`,
    datetime ? time(n?.min) : fmt(n?.min),
    datetime ? '' : fmt(n?.mean),
    datetime ? '' : fmt(n?.std),
    datetime ? time(n?.max) : fmt(n?.max),
    top,
  ];
}

function human(file: string, a: DatasetAnalysis): string {
  const d = a.dialect;
  const delimiter = d.delimiter === '\t' ? 'tab' : `'${d.delimiter}'`;
  const t = a.target;
  const positive =
    t.positiveClass === undefined ? '' : `, positive '${t.positiveClass}' ${fmt((t.positiveRate ?? 0) * 100)} %`;
  const lines = [
    `${file}: ${a.profile.rows} rows, ${a.schema.length} columns, ${a.bytes} bytes, ${a.profile.duplicateRows} duplicate rows, ${a.rowsRejected} ragged rows dropped`,
    `dialect: delimiter ${delimiter}, ${d.lineEnding === '\r\n' ? 'CRLF' : 'LF'}, ${d.header ? 'header' : 'no header'}${d.bom ? ', BOM' : ''}; sha256 ${a.sha256}`,
    `target: ${t.name} (${t.source}), task ${a.task}${positive}`,
    '',
    table([
      ['column', 'type', 'missing', 'distinct', 'min', 'mean', 'std', 'max', 'top values'],
      ...a.profile.columns.map((c) => columnRow(c, c.type === 'datetime')),
    ]),
    ...a.schema.filter((c) => c.reason !== undefined).map((c) => `note: ${c.name} is ${c.type}: ${c.reason}`),
    '',
    'guardrails:',
    ...a.guardrails.flatMap((g) => [
      `  [${g.status}] ${g.name}: ${g.description}`,
      ...g.details.map(
        (detail) =>
          `      ${Object.entries(detail)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`,
      ),
    ]),
  ];
  if (a.drop.length > 0) lines.push(`dropped from training: ${a.drop.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: readonly string[]): Promise<number> {
  let values: { data?: string; target?: string; config?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        target: { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (err) {
    process.stderr.write(`automl profile: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.data === undefined) {
    process.stderr.write(`automl profile: --data is required\n${USAGE}\n`);
    return 2;
  }
  try {
    const config = values.config === undefined ? undefined : await readFile(values.config, 'utf8');
    const onProgress = readProgress(values.data, (line) => process.stderr.write(line));
    const analysis = await analyzeCsv(values.data, { config, target: values.target, onProgress });
    process.stdout.write(values.json ? `${JSON.stringify(analysis)}\n` : human(values.data, analysis));
    return 0;
  } catch (err) {
    if (!isAppError(err)) {
      process.stderr.write(`automl profile: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    const where = err.details[0] === undefined ? '' : ` (${err.details[0].path}: ${err.details[0].message})`;
    const hint = err.hint === undefined ? '' : ` Hint: ${err.hint}`;
    process.stderr.write(`automl profile: ${err.code}: ${err.message}${where}${hint}\n`);
    return 1;
  }
}
