import { describe, expect, it } from 'vitest';
import { checkHealth, configurationDown } from '../../../src/lib/health/checks';

describe('checkHealth', () => {
  it('is healthy when every probe answers', async () => {
    const report = await checkHealth({ a: async () => 1, b: async () => 'ok' });
    expect(report.status).toBe('healthy');
    expect(report.components['a']?.status).toBe('up');
    expect(report.components['b']?.status).toBe('up');
  });

  it('marks a failing probe down with its first error line', async () => {
    const report = await checkHealth({
      a: async () => 1,
      b: async () => {
        throw new Error('connection refused\nstack…');
      },
    });
    expect(report.status).toBe('unhealthy');
    expect(report.components['b']).toMatchObject({ status: 'down', error: 'connection refused' });
  });

  it('times out a probe that never answers and aborts its signal', async () => {
    let aborted = false;
    const report = await checkHealth(
      {
        hang: (signal) =>
          new Promise(() => {
            signal.addEventListener('abort', () => {
              aborted = true;
            });
          }),
      },
      50,
    );
    expect(report.components['hang']).toMatchObject({ status: 'down', error: 'no answer within 50 ms' });
    expect(aborted).toBe(true);
  });

  it('reports unusable configuration as a down component', () => {
    expect(configurationDown(new Error('Storage is not configured'))).toEqual({
      status: 'unhealthy',
      components: { configuration: { status: 'down', latencyMs: 0, error: 'Storage is not configured' } },
    });
  });
});
