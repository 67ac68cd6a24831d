import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../../../src/lib/automl/artifact';
import type { CsvChunk } from '../../../../src/lib/data/csv/csvChunks';
import type { Dialect } from '../../../../src/lib/data/csv/dialect';
import { ByteBuilder } from '../../../../src/lib/scoring/batch/byteBuilder';
import { csvField, csvLine, ScoredCsv } from '../../../../src/lib/scoring/batch/csvOutput';

describe('csv output', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvLine(['x', 1, 'line\nbreak'])).toBe('x,1,"line\nbreak"\n');
  });

  it('writes probabilities with 9 decimals that read back within 5e-10', () => {
    const out = new ByteBuilder();
    for (const p of [0, 1, 0.5, 1e-12, 0.123456789123, 0.9999999999, 0.0000005]) {
      out.probability(p);
      const text = out.take().toString('latin1');
      expect(text).toMatch(/^(0|1|0\.\d{9})$/);
      expect(Math.abs(Number(text) - p)).toBeLessThanOrEqual(5e-10);
    }
    out.probability(Number.NaN);
    out.comma();
    out.probability(0.25);
    expect(out.take().toString('latin1')).toBe('0,0.250000000');
  });

  it('builds text past its scratch size and hands out independent copies', () => {
    const out = new ByteBuilder();
    const long = 'é'.repeat(600_000);
    out.text(long);
    out.byte(10);
    const first = out.take();
    out.bytes(Buffer.from('next'));
    const second = out.take();
    expect(first.toString('utf8')).toBe(`${long}\n`);
    expect(second.toString('utf8')).toBe('next');
  });
});

describe('csv output neutralises formulas', () => {
  const dialect = (columns: string[]): Dialect => ({
    delimiter: ',',
    quote: '"',
    lineEnding: '\n',
    header: true,
    width: columns.length,
    columns,
    bom: false,
  });
  const labels = (values: string[]): Prediction =>
    ({ task: 'binary', labels: values, probabilities: new Float64Array(values.length * 2) }) as Prediction;
  const chunk = (lines: string[], rows: string[][]): CsvChunk => ({
    lines,
    rows,
    records: rows.map((_, i) => i + 2),
    rejects: [],
  });

  it('in fields, lines, headers and predicted labels', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1.5')).toBe('-1.5');
    expect(csvLine(['@cmd', -1, '+3'])).toBe("'@cmd,-1,+3\n");
    const out = new ScoredCsv(dialect(['=name', 'n']), {
      classes: ['=no', '@yes'],
      includeProbabilities: true,
      outputColumns: undefined,
    });
    expect(out.header).toBe("'=name,n,prediction,probability_=no,probability_@yes\n");
    const text = out.format(chunk(['a,-1'], [['a', '-1']]), Int32Array.of(0), labels(['@yes'])).toString('utf8');
    expect(text).toBe("a,-1,'@yes,0,0\n");
  });

  it('echoes a safe record as read and rewrites a risky one from its fields', () => {
    const out = new ScoredCsv(dialect(['a', 'b']), {
      classes: ['no'],
      includeProbabilities: false,
      outputColumns: undefined,
    });
    expect(out.needsLines).toBe(true);
    const text = out
      .format(
        chunk(
          ['x,-1', '"=HYPERLINK(""http://e"")",2', 'y,"@SUM(1+1)*cmd|\' /C calc\'!A0"', '"a,=b",3'],
          [
            ['x', '-1'],
            ['=HYPERLINK("http://e")', '2'],
            ['y', "@SUM(1+1)*cmd|' /C calc'!A0"],
            ['a,=b', '3'],
          ],
        ),
        Int32Array.of(0, 1, 2, 3),
        labels(['no', 'no', 'no', 'no']),
      )
      .toString('utf8');
    expect(text.split('\n')).toEqual([
      'x,-1,no',
      `"'=HYPERLINK(""http://e"")",2,no`,
      `y,'@SUM(1+1)*cmd|' /C calc'!A0,no`,
      '"a,=b",3,no',
      '',
    ]);
  });
});
