import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of docs/architecture.md, checked on every import of src/: a part may import only parts of a lower
 * layer (a larger number is nearer the edges). The few arrows that run otherwise are named in `ALLOWED`, each with
 * its reason; a new one fails here until it is justified there and in the document.
 */
const LAYERS: Record<string, number> = {
  functions: 100,
  cli: 100,
  local: 100,
  'lib/config': 90,
  'lib/api': 80,
  'lib/openapi': 80,
  'lib/health': 80,
  'lib/http': 80,
  'lib/pipeline': 70,
  'lib/scoring': 70,
  'lib/app': 60,
  'lib/registry': 50,
  'lib/messaging': 50,
  'lib/telemetry': 50,
  'lib/storage': 40,
  'lib/automl/run': 35,
  'lib/data/analysis': 34,
  'lib/data/chunks': 33,
  'lib/automl/artifact': 32,
  'lib/data/profile': 31,
  'lib/automl/learners': 30,
  'lib/automl/ensemble': 29,
  'lib/automl/search': 29,
  'lib/automl/forest': 28,
  'lib/automl/gbdt': 28,
  'lib/automl/linear': 28,
  'lib/automl/featurize': 27,
  'lib/automl/metrics': 27,
  'lib/automl/validation': 27,
  'lib/automl/evaluate': 33,
  'lib/automl/tree': 26,
  'lib/data/frame': 20,
  'lib/data/csv': 18,
  'lib/data/cells': 16,
  'lib/automl/random': 15,
  'lib/automl/types': 15,
  'lib/errors': 5,
  'lib/task': 10,
  'lib/datasetName': 10,
  'lib/idRules': 10,
  'lib/workerFile': 10,
};

const ALLOWED: Record<string, string> = {
  // The CLI's `sample` reads the offline runtime's settings file to find its key and port, as a user would.
  'cli -> local': 'cli/commands/sample.ts',
};

const SRC = resolve(__dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The part a file belongs to: a top folder of src/, a folder of src/lib, or a subfolder of lib/automl and lib/data. */
function partOf(file: string): string {
  const p = relative(SRC, file).replace(/\.ts$/, '').split(sep);
  if (p[0] !== 'lib') return p[0]!;
  if ((p[1] === 'automl' || p[1] === 'data') && p.length > 2) return `lib/${p[1]}/${p[2]}`;
  return `lib/${p[1]}`;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => resolve(dirname(file), m[1]!));
}

const edges = files(SRC).flatMap((file) =>
  imports(file)
    .map((target) => ({ file: relative(SRC, file), from: partOf(file), to: partOf(target) }))
    .filter((e) => e.from !== e.to),
);

describe('layers (docs/architecture.md)', () => {
  it('every part of src/ has a layer', () => {
    const unknown = new Set(edges.flatMap((e) => [e.from, e.to]).filter((p) => LAYERS[p] === undefined));
    expect([...unknown]).toEqual([]);
  });

  it('imports only run down, except the arrows named and justified', () => {
    const upward = edges
      .filter((e) => LAYERS[e.to]! >= LAYERS[e.from]!)
      .filter((e) => ALLOWED[`${e.from} -> ${e.to}`] !== e.file)
      .map((e) => `${e.file}: ${e.from} -> ${e.to}`);
    expect(upward).toEqual([]);
  });

  it('the offline host and the local Service Bus import nothing of the app', () => {
    const standalone = edges.filter(
      (e) => /^local[\\/](host|servicebus)[\\/]/.test(e.file) && !e.to.startsWith('local'),
    );
    expect(standalone).toEqual([]);
  });

  it('the ML core does no I/O: no storage, network or file system under lib/automl', () => {
    const io = files(join(SRC, 'lib/automl')).filter((f) =>
      /from '(node:(fs|net|http|https|child_process)|@azure\/[^']+)'/.test(readFileSync(f, 'utf8')),
    );
    expect(io.map((f) => relative(SRC, f))).toEqual([]);
  });
});
