import { describe, expect, it } from 'vitest';
import { bankCsv, DATASET, deployQuickBank, QUICK_SETTINGS, useScoringHost } from '../lib/scoring/scoringHost';
import { quickDeploy } from '../support/quickDeploy';

const row = {
  age: 41,
  job: 'admin.',
  marital: 'single',
  education: 'university.degree',
  default: 'no',
  housing: 'yes',
  loan: 'no',
  contact: 'cellular',
  month: 'aug',
  day_of_week: 'tue',
  duration: 250,
  campaign: 2,
  pdays: 999,
  previous: 0,
  poutcome: 'nonexistent',
  'emp.var.rate': 1.4,
  'cons.price.idx': 93.444,
  'cons.conf.idx': -36.1,
  euribor3m: 4.96,
  'nr.employed': 5228.1,
};

describe('POST /api/models/{dataset}/deploy (manual promote and rollback)', () => {
  // Two model versions: v1, then v2 deployed on top of it.
  const s = useScoringHost(async (registries) => {
    await deployQuickBank(registries, 1500);
    await quickDeploy(registries, DATASET, bankCsv(1000), QUICK_SETTINGS);
  });
  const score = () => s.call(`/api/models/${DATASET}/score`, { data: [row] });

  it('refuses a bad body, an unknown version and a missing key', async () => {
    const deploy = `/api/models/${DATASET}/deploy`;
    const bad = await s.call(deploy, { version: 'one' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('version');
    expect((await s.call(deploy, { version: 1, extra: true })).status).toBe(400);
    const missing = await s.call(deploy, { version: 9 });
    expect(missing.status).toBe(404);
    expect(JSON.stringify(await missing.json())).toContain(`GET /api/models/${DATASET}`);
    expect((await fetch(s.host.baseUrl + deploy, { method: 'POST', body: '{"version":1}' })).status).toBe(401);
  });

  it('rolls back to v1 as a manual event, and scoring swaps to it without a failed request', async () => {
    expect((await score()).headers.get('x-model-version')).toBe('2');
    const res = await s.call(`/api/models/${DATASET}/deploy`, { version: 1, reason: 'rollback test' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dataset: DATASET, modelVersion: 1, previousVersion: 2 });
    const pointer = await s.registries.deployments.get(DATASET);
    expect(pointer?.value.history.at(-1)).toMatchObject({ action: 'manual', modelVersion: 1, reason: 'rollback test' });

    // Keep 4 requests in flight until the instance serves v1 (its pointer check runs every 100 ms here).
    const seen: string[] = [];
    for (let round = 0; round < 200 && seen.at(-1) !== '1'; round++) {
      const answers = await Promise.all([score(), score(), score(), score()]);
      for (const a of answers) {
        expect(a.status).toBe(200);
        seen.push(a.headers.get('x-model-version') ?? '');
        await a.arrayBuffer();
      }
    }
    expect(seen.at(-1)).toBe('1');
    expect(new Set(seen)).toEqual(new Set(seen.includes('2') ? ['1', '2'] : ['1']));
  });
});
