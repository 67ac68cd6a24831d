import { describe, expect, it } from 'vitest';
import { PendingText } from '../../../../src/lib/data/csv/pendingText';

/** A reader of `;`-ended records that notes what it was given to scan. */
function reader(limit: number) {
  const records: string[] = [];
  const scans: number[] = [];
  const consume = (text: string, final: boolean) => {
    scans.push(text.length);
    let start = 0;
    for (let end = text.indexOf(';'); end !== -1; end = text.indexOf(';', start)) {
      records.push(text.slice(start, end));
      start = end + 1;
    }
    if (final && start < text.length) {
      records.push(text.slice(start));
      return text.length;
    }
    return start;
  };
  return { text: new PendingText(consume, limit), records, scans };
}

describe('PendingText', () => {
  it('reads every record whatever the pieces, the last one at the end', () => {
    const { text, records } = reader(1_000);
    for (const piece of ['a;b', 'b;', ';c', 'cc;d']) text.push(piece);
    text.end();
    expect(records).toEqual(['a', 'bb', '', 'ccc', 'd']);
  });

  it('lets a long unfinished record wait for as much text again before scanning it again', () => {
    const { text, scans } = reader(1_000_000);
    text.push('x'.repeat(1_000));
    for (let i = 0; i < 100; i++) text.push('y'.repeat(100));
    text.push(';');
    text.end();
    const total = scans.reduce((a, b) => a + b, 0);
    // Scanned at each piece, the record would be read ~100 times over (about 600,000 characters).
    expect(total).toBeLessThan(4 * 11_001);
  });

  it('never holds more than its limit without scanning, so a record that will not end is seen', () => {
    const { text } = reader(5_000);
    text.push('z'.repeat(3_000));
    let held = 0;
    for (let i = 0; i < 10 && held <= 5_000; i++) held = text.push('z'.repeat(1_000));
    expect(held).toBeGreaterThan(5_000);
  });
});
