import { randomBytes } from 'node:crypto';

/**
 * Hostile blob drops into the `datasets` container: names that try to leave their dataset's prefix, and contents
 * that try to break the reader, the profiler or whoever opens our outputs. `dataset`: the prefix whose registry,
 * quarantine and run entries the drop may create (undefined: it may create nothing but host receipts).
 * Add a line to extend the suite.
 */
export interface HostileDrop {
  readonly name: string;
  readonly blob: string;
  readonly body: string | Buffer;
  readonly dataset?: string;
}

const header = 'age,job,duration,y';
const rows = (
  n: number,
  cell = (i: number) => `${20 + (i % 50)},job${i % 5},${100 + i},${i % 3 === 0 ? 'yes' : 'no'}`,
) => [header, ...Array.from({ length: n }, (_, i) => cell(i))].join('\n');
const valid = rows(120);

export const hostileDrops: readonly HostileDrop[] = [
  // Names
  { name: 'encoded dot-dot segments', blob: 'evil/%2E%2E/%2E%2E/registry/canary/victim.json', body: valid },
  { name: 'lower-case encoded dot-dot', blob: 'evil/%2e%2e/x.csv', body: valid },
  { name: 'backslash traversal', blob: 'evil/..\\..\\registry\\x.csv', body: valid },
  // A control character in a name is left out: Azurite then fails to list the container at all (XML 1.0).
  { name: 'spaces, quotes and a semicolon', blob: `evil/my "file" 'x';.csv`, body: valid, dataset: 'evil' },
  { name: 'right-to-left override', blob: 'evil/\u202Evsc.exe.csv', body: valid, dataset: 'evil' },
  { name: 'a 900-character name', blob: `evil/${'n'.repeat(900)}.csv`, body: valid, dataset: 'evil' },
  { name: 'a nested folder', blob: 'evil/sub/dir/deep.csv', body: valid, dataset: 'evil' },
  { name: 'an upper-case dataset', blob: 'EvilUpper/x.csv', body: valid, dataset: 'EvilUpper' },
  { name: 'a dataset starting with a dash', blob: '-evil/x.csv', body: valid, dataset: '-evil' },
  { name: 'a name ending with a dot', blob: 'evil/x.csv.', body: valid, dataset: 'evil' },
  // automl.json
  { name: 'automl.json not JSON', blob: 'conf-a/automl.json', body: '{"target": ', dataset: 'conf-a' },
  {
    name: 'automl.json with a prototype key',
    blob: 'conf-b/automl.json',
    body: '{"__proto__": {"autoTrain": true}}',
    dataset: 'conf-b',
  },
  {
    name: 'automl.json naming a target that is not there',
    blob: 'conf-c/automl.json',
    body: '{"target": "../../x"}',
    dataset: 'conf-c',
  },
  // Contents
  { name: 'random bytes', blob: 'junk-a/random.csv', body: randomBytes(64 * 1024), dataset: 'junk-a' },
  {
    name: 'gzip bytes',
    blob: 'junk-b/data.csv',
    body: Buffer.from('1f8b0800000000000003cb48cdc9c95728cf2fca490100c2a99b0c0c000000', 'hex'),
    dataset: 'junk-b',
  },
  {
    name: 'UTF-16 with a BOM',
    blob: 'junk-c/utf16.csv',
    body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid, 'utf16le')]),
    dataset: 'junk-c',
  },
  { name: 'NUL bytes in cells', blob: 'junk-d/nul.csv', body: valid.replace(/job1/g, 'jo\u0000b'), dataset: 'junk-d' },
  {
    name: 'a 5,000-column header',
    blob: 'junk-e/wide.csv',
    body: `${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(4999)}1\n`,
    dataset: 'junk-e',
  },
  {
    name: 'one 2 MB quoted field',
    blob: 'junk-f/field.csv',
    body: `a,b\n"${'x'.repeat(2 * 1024 * 1024)}",1\n`,
    dataset: 'junk-f',
  },
  {
    name: 'an unclosed quote',
    blob: 'junk-g/quote.csv',
    body: `${header}\n"20,job1,100,yes\n21,job2,101,no\n`,
    dataset: 'junk-g',
  },
  {
    name: 'prototype column names',
    blob: 'proto/data.csv',
    body: valid.replace(header, '__proto__,constructor,toString,y'),
    dataset: 'proto',
  },
  {
    name: 'formula cells everywhere',
    blob: 'formula/data.csv',
    body: rows(
      120,
      (i) => `${20 + (i % 50)},=HYPERLINK("http://x/${i}"),@SUM(1+1)*cmd|' /C calc'!A0,${i % 2 ? 'yes' : 'no'}`,
    ),
    dataset: 'formula',
  },
  {
    name: 'column names with dot-dots and slashes',
    blob: 'names/data.csv',
    body: valid.replace(header, '../a,b/../../c,..\\d,y'),
    dataset: 'names',
  },
  { name: 'an empty file', blob: 'junk-h/empty.csv', body: '', dataset: 'junk-h' },
];
