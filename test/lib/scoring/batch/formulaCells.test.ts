import { describe, expect, it } from 'vitest';
import { mayStartFormula, neutralise } from '../../../../src/lib/scoring/batch/formulaCells';

describe('neutralise (OWASP CSV injection)', () => {
  it('prefixes a quote to text cells that begin with = + - @ tab or carriage return', () => {
    for (const cell of [
      '=HYPERLINK("http://evil.example","click")',
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '+cmd',
      '-2+3+cmd',
      '\t=1',
      '\r=1',
      '=1',
      '-',
      '+',
      '-Infinity',
    ]) {
      expect(neutralise(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves numbers (signed, decimal, exponent) and every other text alone', () => {
    for (const cell of ['-1.5', '+3', '-0', '-.5', '+1e-7', '-2E+10', '42', '', 'admin.', "'=1", ' =1', 'a=b']) {
      expect(neutralise(cell)).toBe(cell);
    }
  });
});

describe('mayStartFormula (a raw comma/double-quote record)', () => {
  it('finds a risky field at the start, after a comma, or inside quotes', () => {
    expect(mayStartFormula('=1+1,a')).toBe(true);
    expect(mayStartFormula('a,@SUM(1),b')).toBe(true);
    expect(mayStartFormula('a,"=HYPERLINK(""x"")",b')).toBe(true);
    expect(mayStartFormula('a,-cmd')).toBe(true);
    expect(mayStartFormula('a,"\r=1"')).toBe(true);
    expect(mayStartFormula('a,\t=1')).toBe(true);
  });

  it('passes records whose only signs start numbers, quoted or not', () => {
    expect(mayStartFormula('57,technician,-1,+3,"-1.5",2e-3')).toBe(false);
    expect(mayStartFormula('a,b=c,2020-01-01,x-y')).toBe(false);
    expect(mayStartFormula('')).toBe(false);
  });
});
