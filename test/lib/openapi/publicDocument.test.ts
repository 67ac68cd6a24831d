import { describe, expect, it } from 'vitest';
import { PublicDocument } from '../../../src/lib/openapi/publicDocument';

function source(initial: string[]) {
  const state = { deployed: initial, listings: 0 };
  const deployed = async () => {
    state.listings++;
    return state.deployed;
  };
  return { state, deployed };
}

describe('PublicDocument', () => {
  it('lists at most once per refresh interval, shared by concurrent callers', async () => {
    let now = 0;
    const s = source(['a']);
    const doc = new PublicDocument({ deployed: s.deployed, version: '1', refreshMs: 1000, now: () => now });
    await Promise.all([doc.json(), doc.json(), doc.json()]);
    expect(s.state.listings).toBe(1);
    now = 999;
    await doc.json();
    expect(s.state.listings).toBe(1);
    now = 1000;
    await doc.json();
    expect(s.state.listings).toBe(2);
  });

  it('builds the text again only when the set of deployed datasets changes', async () => {
    let now = 0;
    const s = source(['a']);
    const doc = new PublicDocument({ deployed: s.deployed, version: '1', refreshMs: 10, now: () => now });
    const first = await doc.json();
    now = 20;
    expect(await doc.json()).toBe(first);
    s.state.deployed = ['a', 'b'];
    now = 40;
    const second = await doc.json();
    expect(second).not.toBe(first);
    expect(Object.keys((JSON.parse(second) as { paths: object }).paths)).toContain('/models/b/score');
  });
});
