import { describe, expect, it } from 'vitest';
import { columnNames, looksLikeHeader, sniffDialect } from '../../../../src/lib/data/csv/dialect';

describe('sniffDialect', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n4,5,6\n'],
    [';', 'a;b;c\n1,5;2;3\n4;5,25;6\n'],
    ['\t', 'a\tb, c\td\n1\t2\t3\n'],
    ['|', 'a|b|c\n1|2|3\n'],
  ])("finds the delimiter '%s'", (delimiter, sample) => {
    expect(sniffDialect(sample, true, false).delimiter).toBe(delimiter);
  });

  it('ignores delimiters inside quotes and keeps CRLF', () => {
    const d = sniffDialect('name,note\r\n"x;y;z","a;b"\r\n"p;q",r\r\n', true, false);
    expect(d).toMatchObject({ delimiter: ',', quote: '"', lineEnding: '\r\n', width: 2, columns: ['name', 'note'] });
  });

  it('names headerless columns column_1..n and drops trailing empty columns', () => {
    expect(sniffDialect('1,2.5,3\n4,5.5,6\n', true, false).columns).toEqual(['column_1', 'column_2', 'column_3']);
    const trailing = sniffDialect('a,b,\n1,2,\n3,4,\n', true, false);
    expect(trailing).toMatchObject({ width: 3, columns: ['a', 'b'] });
  });
});

describe('looksLikeHeader', () => {
  it('sees words over numbers as a header, numbers as data', () => {
    expect(
      looksLikeHeader([
        ['age', 'city'],
        ['31', 'paris'],
        ['40', 'lyon'],
      ]),
    ).toBe(true);
    expect(
      looksLikeHeader([
        ['31', 'paris'],
        ['40', 'lyon'],
      ]),
    ).toBe(false);
  });

  it('sees a first row repeated below as data', () => {
    expect(
      looksLikeHeader([
        ['red', 'big'],
        ['blue', 'big'],
        ['red', 'small'],
      ]),
    ).toBe(false);
  });
});

describe('columnNames', () => {
  it('fills blanks and suffixes repeats', () => {
    expect(columnNames(['a', '', 'a', ' b '], 4)).toEqual(['a', 'column_2', 'a_2', 'b']);
  });
});
