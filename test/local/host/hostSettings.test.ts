import { describe, expect, it } from 'vitest';
import { connectionString, resolveSettingRefs } from '../../../src/local/host/appSettings';
import { parseBlobPath } from '../../../src/local/host/blob/blobPath';
import { hostConfigFrom, parseTimeSpan } from '../../../src/local/host/hostConfig';

describe('host.json', () => {
  it('parses TimeSpans and applies the Functions defaults', () => {
    expect(parseTimeSpan('00:15:00')).toBe(15 * 60_000);
    expect(parseTimeSpan('1.02:00:01.5')).toBe(26 * 3_600_000 + 1500);
    expect(() => parseTimeSpan('15m')).toThrow(/TimeSpan/);
    expect(hostConfigFrom({})).toMatchObject({
      routePrefix: 'api',
      serviceBus: { maxConcurrentCalls: 16, maxAutoLockRenewalDurationMs: 300_000 },
      blobs: { poisonBlobThreshold: 5 },
    });
    const custom = hostConfigFrom({
      extensions: { http: { routePrefix: '/v1/' }, serviceBus: { maxConcurrentCalls: 2 } },
    });
    expect(custom.routePrefix).toBe('v1');
    expect(custom.serviceBus.maxConcurrentCalls).toBe(2);
  });
});

describe('app settings in bindings', () => {
  it('resolves %NAME% and names a missing setting', () => {
    expect(resolveSettingRefs('%A%-%B%', { A: 'x', B: 'y' })).toBe('x-y');
    expect(() => resolveSettingRefs('%MISSING%', {})).toThrow(/"MISSING"/);
  });

  it('finds connection strings like the host, and refuses identity-based ones offline', () => {
    expect(connectionString({ Conn: 'cs' }, 'Conn', 'Storage')).toBe('cs');
    expect(connectionString({ AzureWebJobsConn: 'cs2' }, 'Conn', 'Storage')).toBe('cs2');
    expect(() => connectionString({ Conn__accountName: 'acct' }, 'Conn', 'Storage')).toThrow(/identity-based/);
    expect(() => connectionString({}, 'Conn', 'Storage')).toThrow(/not set/);
  });
});

describe('blob trigger paths', () => {
  it('splits container, listing prefix and named parts (the last takes the rest)', () => {
    const pattern = parseBlobPath('datasets/{dataset}/{file}');
    expect(pattern.container).toBe('datasets');
    expect(pattern.prefix).toBe('');
    expect(pattern.match('bank/v1/train.csv')).toEqual({ dataset: 'bank', file: 'v1/train.csv' });
    expect(pattern.match('loose.csv')).toBeUndefined();
    const typed = parseBlobPath('scoring-inputs/jobs/{job}.csv');
    expect(typed.prefix).toBe('jobs/');
    expect(typed.match('jobs/42.csv')).toEqual({ job: '42' });
    expect(typed.match('jobs/42.json')).toBeUndefined();
    expect(() => parseBlobPath('{container}/x')).toThrow(/fixed container/);
  });
});
