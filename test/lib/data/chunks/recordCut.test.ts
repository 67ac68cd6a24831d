import { describe, expect, it } from 'vitest';
import { lastRecordEnd } from '../../../../src/lib/data/chunks/recordCut';
import { RecordScanner } from '../../../../src/lib/data/csv/recordScanner';

/** Where the record scanner says the complete records of `text` end, in UTF-8 bytes. */
function scannerEnd(text: string, delimiter: string, quote: string): number {
  const tail = new RecordScanner(delimiter, quote, 3).scan(text, false, () => undefined);
  return Buffer.byteLength(text.slice(0, tail));
}

function cut(text: string, delimiter = ',', quote = '"'): number {
  return lastRecordEnd(Buffer.from(text), delimiter, quote);
}

describe('lastRecordEnd', () => {
  it('ends after the last line feed when nothing is quoted', () => {
    expect(cut('a,b\n1,2\n3,')).toBe(8);
    expect(cut('a,b\r\n1,2\r\n')).toBe(10);
    expect(cut('a,b,c')).toBe(0);
  });

  it('does not cut inside a quoted field holding line feeds, doubled quotes or delimiters', () => {
    expect(cut('1,2\n"x\ny",3\n"open\n')).toBe(12);
    expect(cut('1,"a""\nb"\n2,"q""')).toBe(10);
    expect(cut('"\n\n\n')).toBe(0);
  });

  it('takes a quote inside an unquoted value as text', () => {
    expect(cut(`5'11",tall\n6',x\n`, ',', "'")).toBe(16);
    expect(cut('5\'11",tall\n6",x\n')).toBe(16);
  });

  it('waits when the bytes end on a quote that a doubled quote may follow', () => {
    expect(cut('1,2\n"a\n"')).toBe(4);
  });

  it('works on a view into a larger buffer', () => {
    const whole = Buffer.from('zzzz1,2\n"a\nb",3\nzz');
    expect(lastRecordEnd(whole.subarray(4, 18), ',', '"')).toBe(12);
  });

  it('agrees with the record scanner on random quoted text (UTF-8, CRLF, other delimiters)', () => {
    let s = 0x9e3779b9;
    const rand = (n: number) => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) % n;
    };
    for (const [delimiter, quote] of [
      [',', '"'],
      [';', "'"],
      ['\t', '"'],
      ['|', ''],
    ] as const) {
      const alphabet = ['a', 'é', '€', '𝄞', delimiter, '\n', '\r\n', quote || 'q', quote || 'q', ' '];
      for (let trial = 0; trial < 400; trial++) {
        let text = '';
        const length = rand(60);
        for (let i = 0; i < length; i++) text += alphabet[rand(alphabet.length)]!;
        expect(cut(text, delimiter, quote), JSON.stringify(text)).toBe(scannerEnd(text, delimiter, quote));
      }
    }
  });
});
