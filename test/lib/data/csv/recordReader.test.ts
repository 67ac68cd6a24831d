import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dialect } from '../../../../src/lib/data/csv/dialect';
import { RecordReader } from '../../../../src/lib/data/csv/recordReader';
import { RecordScanner } from '../../../../src/lib/data/csv/recordScanner';

const DIALECT: Dialect = {
  delimiter: ',',
  quote: '"',
  lineEnding: '\n',
  header: true,
  width: 2,
  columns: ['id', 'text'],
  bom: false,
};

/** The rows read from `text` pushed in pieces of `size` characters. */
function read(text: string, size: number): string[][] {
  const rows: string[][] = [];
  const reader = new RecordReader(DIALECT, { start() {}, row: (fields) => rows.push([...fields]) });
  for (let at = 0; at < text.length; at += size) reader.push(text.slice(at, at + size));
  reader.end();
  return rows;
}

const long = `"${'lorem ipsum,\n'.repeat(200_000)}"`;
const text = `id,text\n1,a\n2,${long}\n3,"b"\n4,c\n`;

describe('RecordReader', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads the same rows whatever the pieces, around a 2.6 M-character quoted field', () => {
    const expected = read(text, text.length);
    expect(expected.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    expect(expected[1]![1]).toBe(long.slice(1, -1));
    for (const size of [1_000, 65_536, 1_000_000]) expect(read(text, size)).toEqual(expected);
  });

  it('scans a long unfinished record a few times, not again at every piece', () => {
    let scanned = 0;
    const scan = RecordScanner.prototype.scan;
    vi.spyOn(RecordScanner.prototype, 'scan').mockImplementation(function (this: RecordScanner, t, final, on) {
      scanned += t.length;
      return scan.call(this, t, final, on);
    });
    read(text, 65_536);
    // Scanning it again at each of its ~40 pieces would be about 20 times its length.
    expect(scanned).toBeLessThan(4 * text.length);
  });
});
