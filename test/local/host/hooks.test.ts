import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHost } from '../../../src/local/host/host';

const events = () => (globalThis as unknown as { hookEvents: string[] }).hookEvents;

describe('offline host: app hooks', () => {
  it('runs appStart, pre/post invocation hooks around handlers, and appTerminate on stop', async () => {
    const host = await startHost({ files: [join(__dirname, 'fixtures', 'hooksApp.js')], port: 0, log: () => {} });
    expect(events()).toEqual(['appStart']);
    const res = await fetch(`${host.baseUrl}/api/hooked`);
    expect(await res.json()).toEqual({ pre: 'ran', post: true });
    await host.stop();
    expect(events()).toEqual(['appStart', 'appTerminate']);
  });
});
