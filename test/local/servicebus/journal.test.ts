import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, type JournalRecord } from '../../../src/local/servicebus/journal';

describe('Journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Replays the journal into a map of live sequence numbers, the way a queue does. */
  function open(live: Map<number, string>, compactBytes?: number): Journal {
    return Journal.open(
      dir,
      (r) => {
        if (r.op === 'put') live.set(r.seq, r.b);
        if (r.op === 'del') live.delete(r.seq);
      },
      {
        compactBytes,
        snapshot: function* (): Iterable<JournalRecord> {
          for (const [seq, b] of live) yield { op: 'put', q: 'q', seq, t: 0, n: 0, b };
        },
      },
    );
  }

  it('replays appended records after a reopen and ignores a torn last line', async () => {
    const live = new Map<number, string>();
    const journal = open(live);
    for (let seq = 1; seq <= 3; seq++) {
      live.set(seq, `m${seq}`);
      journal.append({ op: 'put', q: 'q', seq, t: 0, n: 0, b: `m${seq}` });
    }
    live.delete(2);
    journal.append({ op: 'del', q: 'q', seq: 2 });
    await journal.durable();
    await journal.close();
    // A process killed in the middle of a write leaves half a line behind.
    appendFileSync(join(dir, 'journal.jsonl'), '{"op":"put","q":"q","seq":4,');

    const replayed = new Map<number, string>();
    await open(replayed).close();
    expect([...replayed]).toEqual([
      [1, 'm1'],
      [3, 'm3'],
    ]);
    // Opening compacts: the torn tail and the deleted message are gone from the file.
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).not.toContain('"seq":4');
  });

  it('compacts once it outgrows the threshold, keeping only live records', async () => {
    const live = new Map<number, string>();
    const journal = open(live, 4096);
    const payload = 'x'.repeat(100);
    for (let seq = 1; seq <= 200; seq++) {
      journal.append({ op: 'put', q: 'q', seq, t: 0, n: 0, b: payload });
      if (seq % 10 !== 0) journal.append({ op: 'del', q: 'q', seq });
      else live.set(seq, payload);
      await journal.durable();
    }
    await journal.close();
    const lines = readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(100);
    const replayed = new Map<number, string>();
    await open(replayed).close();
    expect([...replayed.keys()]).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 10));
  });
});
