import { describe, expect, it } from 'vitest';
import { ByteBuilder } from '../../../../src/lib/scoring/batch/byteBuilder';
import { csvField, csvLine } from '../../../../src/lib/scoring/batch/csvOutput';

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
