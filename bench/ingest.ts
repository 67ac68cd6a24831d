/**
 * npm run bench:ingest [-- --size-mb N --rounds N] — generates a bank-marketing-like CSV of N MB (default 1024) in the temp
 * folder, then measures, each in its own child process so peak RSS is per run:
 *   bare: udsv's incremental parse of the file to string rows, discarded (the parser's own speed), fed the
 *         1 MB chunks the file is read in;
 *   bare-64k: the same parse of the same bytes fed as strings of at most 64 KB. A stricter baseline: V8 keeps
 *         strings over 128 KB in large-object space, where udsv's joining of a chunk with the previous one's
 *         unparsed tail costs more than the parse itself (analyzeCsv decodes in 64 KB pieces for that reason);
 *   full: analyzeCsv (scan, parse, hash, type inference, profile, target, guardrails), as a drop runs it: a file
 *         this large is profiled in 16 MB chunks on a worker thread per core, merged in file order;
 *   full-1t: the same on one thread (chunks profiled in turn), for the per-core cost.
 * Prints rows/s, MB/s, CPU seconds and peak RSS of each and the ratio full / bare (target ≥ 50 %, RSS < 512 MB),
 * also against bare-64k, and the one-thread ratios. With `--rounds N` the three runs repeat N times in turn, so load from other work falls on
 * every side, and the ratios compare each side's fastest run.
 * The machine is shared: the load average is printed with the figures, which are noisy.
 */
import { fork } from 'node:child_process';
import { closeSync, createReadStream, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, TextDecoder } from 'node:util';
import { type BaseParse, inferSchema, initParser } from 'udsv';
import { analyzeCsv } from '../src/lib/data/analysis/analyze';

interface RunResult {
  readonly rows: number;
  readonly seconds: number;
  /** CPU time of the run, every thread. */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

const JOBS = [
  'admin.',
  'blue-collar',
  'technician',
  'services',
  'management',
  'retired',
  'entrepreneur',
  'self-employed',
  'housemaid',
  'unemployed',
  'student',
  'unknown',
];
const MARITAL = ['married', 'single', 'divorced', 'unknown'];
const EDUCATION = [
  'university.degree',
  'high.school',
  'basic.9y',
  'professional.course',
  'basic.4y',
  'basic.6y',
  'unknown',
  'illiterate',
];
const TRI = ['no', 'yes', 'unknown'];
const MONTHS = ['may', 'jul', 'aug', 'jun', 'nov', 'apr', 'oct', 'sep', 'mar', 'dec'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const POUTCOME = ['nonexistent', 'failure', 'success'];
const HEADER =
  'age,job,marital,education,default,housing,loan,contact,month,day_of_week,duration,campaign,pdays,previous,poutcome,emp.var.rate,cons.price.idx,cons.conf.idx,euribor3m,nr.employed,y\r\n';

/** Writes `sizeMb` of bank-like rows (CRLF, like the real file) with a seeded generator. */
function generate(path: string, sizeMb: number): void {
  let s = 0x12345678;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const pick = (xs: readonly string[]) => xs[Math.floor(rand() * xs.length)]!;
  const fd = openSync(path, 'w');
  const target = sizeMb * 1024 * 1024;
  let written = writeSync(fd, HEADER);
  while (written < target) {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const rate = [-3.4, -2.9, -1.8, -1.1, -0.1, 1.1, 1.4][Math.floor(rand() * 7)]!;
      lines.push(
        `${17 + Math.floor(rand() * 70)},${pick(JOBS)},${pick(MARITAL)},${pick(EDUCATION)},${pick(TRI)},${pick(TRI)},${pick(TRI)},${rand() < 0.6 ? 'cellular' : 'telephone'},${pick(MONTHS)},${pick(DAYS)},${Math.floor(-Math.log(1 - rand()) * 250)},${1 + Math.floor(-Math.log(1 - rand()) * 2)},${rand() < 0.96 ? 999 : Math.floor(rand() * 27)},${Math.floor(rand() * 3)},${pick(POUTCOME)},${rate},${(92 + rand() * 3).toFixed(3)},${(-50 + rand() * 24).toFixed(1)},${(0.6 + rand() * 4.5).toFixed(3)},${(4960 + rand() * 270).toFixed(1)},${rand() < 0.112 ? 'yes' : 'no'}\r\n`,
      );
    }
    written += writeSync(fd, lines.join(''));
  }
  closeSync(fd);
}

async function bareParse(path: string, pieceBytes: number): Promise<number> {
  const decoder = new TextDecoder();
  let parser: ReturnType<typeof initParser> | undefined;
  let rows = 0;
  const count = () => {
    rows++;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i += pieceBytes) {
      const text = decoder.decode(bytes.subarray(i, i + pieceBytes), { stream: true });
      parser ??= initParser(inferSchema(text));
      parser.chunk<string[]>(text, parser.stringArrs as BaseParse<string[]>, count);
    }
  }
  parser?.end();
  return rows;
}

async function child(mode: string, path: string): Promise<void> {
  const start = process.hrtime.bigint();
  const rows =
    mode === 'full' || mode === 'full-1t'
      ? (await analyzeCsv(path, mode === 'full' ? {} : { threads: 1 })).profile.rows
      : await bareParse(path, mode === 'bare' ? 1 << 20 : 1 << 16);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  const result: RunResult = { rows, seconds, cpuSeconds, peakRssMb: usage.maxRSS / 1024 };
  process.send?.(result);
}

type Mode = 'bare' | 'bare-64k' | 'full' | 'full-1t';
const MODES: readonly Mode[] = ['bare', 'bare-64k', 'full', 'full-1t'];
const LABELS: Record<Mode, string> = {
  bare: 'udsv bare parse',
  'bare-64k': 'udsv bare, 64 KB strings',
  full: `analyzeCsv (${availableParallelism()} threads)`,
  'full-1t': 'analyzeCsv (1 thread)',
};

function measure(mode: Mode, path: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(__filename, ['--child', mode, path]);
    proc.once('message', (m) => resolve(m as RunResult));
    proc.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${mode} run exited with ${code}`));
    });
  });
}

function report(label: string, r: RunResult, mb: number): string {
  return `${label.padEnd(26)} ${String(r.rows).padStart(10)} rows  ${r.seconds.toFixed(1).padStart(6)} s  ${Math.round(
    r.rows / r.seconds,
  )
    .toLocaleString('en')
    .padStart(
      10,
    )} rows/s  ${(mb / r.seconds).toFixed(1).padStart(6)} MB/s  CPU ${r.cpuSeconds.toFixed(1)} s  peak RSS ${r.peakRssMb.toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { 'size-mb': { type: 'string' }, rounds: { type: 'string' }, child: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.child !== undefined) return child(values.child, positionals[0]!);
  const sizeMb = Number(values['size-mb'] ?? 1024);
  const rounds = Number(values.rounds ?? 1);
  const path = join(tmpdir(), `bench-ingest-${process.pid}.csv`);
  try {
    const t0 = Date.now();
    generate(path, sizeMb);
    const mb = statSync(path).size / (1024 * 1024);
    console.log(`generated ${mb.toFixed(0)} MB bank-like CSV in ${((Date.now() - t0) / 1000).toFixed(1)} s (${path})`);
    console.log(
      `load average before: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (2 shared cores: timings are noisy)`,
    );
    const runs: Record<Mode, RunResult[]> = { bare: [], 'bare-64k': [], full: [], 'full-1t': [] };
    for (let round = 0; round < rounds; round++) {
      for (const mode of MODES) {
        const r = await measure(mode, path);
        runs[mode].push(r);
        console.log(report(LABELS[mode], r, mb));
      }
    }
    // Each side's fastest run: the one least disturbed by other work on the shared machine.
    const speed = (r: RunResult) => r.rows / r.seconds;
    const best = (mode: Mode) => Math.max(...runs[mode].map(speed));
    const percent = (x: number) => `${(x * 100).toFixed(0)} %`;
    const rss = Math.max(...runs.full.map((r) => r.peakRssMb));
    console.log(
      `ratio full / bare: ${percent(best('full') / best('bare'))} (target ≥ 50 %); full / bare with 64 KB strings: ${percent(best('full') / best('bare-64k'))}; full peak RSS ${rss.toFixed(0)} MB (target < 512 MB)${rounds > 1 ? `; best of ${rounds} rounds each` : ''}`,
    );
    console.log(
      `one thread: full-1t / bare ${percent(best('full-1t') / best('bare'))}, full-1t / bare with 64 KB strings ${percent(best('full-1t') / best('bare-64k'))}; threads speed-up ${(best('full') / best('full-1t')).toFixed(2)}x`,
    );
    console.log(
      `load average after: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    rmSync(path, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
