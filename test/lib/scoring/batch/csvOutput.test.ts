import { describe, expect, it } from 'vitest';
import { csvField, csvLine, probabilityText } from '../../../../src/lib/scoring/batch/csvOutput';

describe('csv output', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvLine(['x', 1, 'line\nbreak'])).toBe('x,1,"line\nbreak"\n');
  });

  it('writes probabilities with 9 decimals that read back within 5e-10', () => {
    for (const p of [0, 1, 0.5, 1e-12, 0.123456789123, 0.9999999999, 0.0000005]) {
      const text = probabilityText(p);
      expect(text).toMatch(/^(0|1|0\.\d{9})$/);
      expect(Math.abs(Number(text) - p)).toBeLessThanOrEqual(5e-10);
    }
  });
});
