import { describe, expect, it } from 'vitest';
import { RecordScanner } from '../../../../src/lib/data/csv/recordScanner';

function records(text: string, width: number, final = true) {
  const out: { text: string; fields: number; cut: number }[] = [];
  const tail = new RecordScanner(',', '"', width).scan(text, final, (start, end, fields, cut) => {
    out.push({ text: text.slice(start, end), fields, cut: cut < 0 ? -1 : cut - start });
  });
  return { out, tail };
}

describe('RecordScanner', () => {
  it('counts fields per record, quotes and CRLF respected, blank lines skipped', () => {
    const { out } = records('a,b\r\n"x,\r\ny",2\r\n\r\n3,"q""r"\r\n', 2);
    expect(out.map((r) => [r.text, r.fields])).toEqual([
      ['a,b', 2],
      ['"x,\r\ny",2', 2],
      ['3,"q""r"', 2],
    ]);
  });

  it('reports short and long records, with where the expected fields end', () => {
    const { out } = records('1,2,3\n1,2\n1,2,3,,\n', 3);
    expect(out.map((r) => [r.fields, r.cut])).toEqual([
      [3, -1],
      [2, -1],
      [5, 5],
    ]);
  });

  it('leaves an unfinished record (even inside a quote) for the next chunk', () => {
    expect(records('1,2\n3,"fo', 2, false)).toMatchObject({ out: [{ text: '1,2' }], tail: 4 });
    expect(records('1,2\n3,4', 2, false).tail).toBe(4);
  });

  it('treats a quote inside a field as text, as udsv does', () => {
    const { out } = records('5\'11",tall\n6\'0",short\n', 2);
    expect(out.map((r) => r.fields)).toEqual([2, 2]);
  });
});
