import { describe, expect, it } from 'vitest';
import { samplePayload } from '../../src/lib/scoring/samplePayload';
import { DATASET, deployQuickBank, useScoringHost } from '../lib/scoring/scoringHost';

const row = {
  age: 57,
  job: 'technician',
  marital: 'married',
  education: 'high.school',
  default: 'no',
  housing: 'no',
  loan: 'yes',
  contact: 'cellular',
  month: 'may',
  day_of_week: 'mon',
  duration: 371,
  campaign: 1,
  pdays: 999,
  previous: 1,
  poutcome: 'failure',
  'emp.var.rate': -1.8,
  'cons.price.idx': 92.893,
  'cons.conf.idx': -46.2,
  euribor3m: 1.299,
  'nr.employed': 5099.1,
};
const without = (name: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).filter(([k]) => k !== name));
const path = `/api/models/${DATASET}/score`;

/** [what, body (a string is sent raw), status, a part of the message or of a detail]. */
const malformed: [string, unknown, number, string][] = [
  ['not JSON', '{"data": [', 400, 'not valid JSON'],
  ['empty body', '', 400, 'not valid JSON'],
  ['a JSON array', [row], 400, 'expected object'],
  ['a JSON string', '"hello"', 400, 'expected object'],
  ['no data key', { rows: [row] }, 400, 'data'],
  ['data not an array', { data: row }, 400, 'expected array'],
  ['data empty', { data: [] }, 400, '>=1'],
  ['extra top-level key', { data: [row], extra: 1 }, 400, 'extra'],
  ['Inputs without data', { Inputs: {} }, 400, 'Inputs.data'],
  [
    'unknown method',
    { Inputs: { data: [row] }, GlobalParameters: { method: 'explain' } },
    400,
    'GlobalParameters.method',
  ],
  ['row is a number', { data: [1] }, 400, 'data[0]: expected an object, got a number'],
  ['row is null', { data: [null] }, 400, 'data[0]: expected an object, got null'],
  ['missing column', { data: [without('age')] }, 400, 'data[0].age: missing column'],
  ['unknown column', { data: [{ ...row, colour: 'red' }] }, 400, 'data[0].colour: unknown column'],
  ['the target sent', { data: [{ ...row, y: 'no' }] }, 400, 'the target is what the model predicts'],
  ['string for a number', { data: [{ ...row, age: 'old' }] }, 400, 'data[0].age: expected an integer, got a string'],
  ['fraction for an integer', { data: [{ ...row, age: 57.5 }] }, 400, 'expected an integer, got 57.5'],
  ['number for a category', { data: [{ ...row, job: 3 }] }, 400, 'data[0].job: expected a string, got a number'],
  ['array for a category', { data: [{ ...row, job: ['a'] }] }, 400, 'expected a string, got an array'],
  ['null where none allowed', { data: [{ ...row, duration: null }] }, 400, 'null is not allowed'],
  [
    'infinite number',
    `{"data": [${JSON.stringify({ ...row, euribor3m: 0 }).replace('"euribor3m":0', '"euribor3m":1e999')}]}`,
    400,
    'data[0].euribor3m: expected a finite number',
  ],
  ['boolean for a float', { data: [{ ...row, euribor3m: true }] }, 400, 'expected a number, got a boolean'],
  ['error in the second row', { data: [row, without('job')] }, 400, 'data[1].job: missing column'],
  [
    'predict_proba on a bad row',
    { Inputs: { data: [{ ...row, pdays: {} }] }, GlobalParameters: { method: 'predict_proba' } },
    400,
    'data[0].pdays',
  ],
  ['too many rows', { data: Array.from({ length: 10_001 }, () => row) }, 413, 'over the limit of 10000'],
];

describe('POST /api/models/{dataset}/score', () => {
  const s = useScoringHost(deployQuickBank);

  it('scores the simple shape with labels, model name and version (body and header)', async () => {
    const res = await s.call(path, { data: [row, { ...row, duration: 1200 }] });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-model-version')).toBe('1');
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ model: DATASET, version: 1, method: 'predict', unseenCategories: 0 });
    expect(body['Results']).toHaveLength(2);
    for (const label of body['Results'] as string[]) expect(['yes', 'no']).toContain(label);
  });

  it("returns class probabilities for Azure's predict_proba shape", async () => {
    const res = await s.call(path, { Inputs: { data: [row] }, GlobalParameters: { method: 'predict_proba' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { Results: number[][]; classes: string[] };
    expect(body.classes.sort()).toEqual(['no', 'yes']);
    expect(body.Results[0]).toHaveLength(2);
    expect(body.Results[0]![0]! + body.Results[0]![1]!).toBeCloseTo(1, 9);
  });

  it('scores the payloads `automl sample` writes from the registered dataset, in both shapes', async () => {
    const simple = (await samplePayload(s.registries, DATASET, 3)) as { data: Record<string, unknown>[] };
    expect(simple.data).toHaveLength(3);
    expect(simple.data[0]).toMatchObject({ age: 57, job: 'technician', 'nr.employed': 5099.1 });
    expect(simple.data[0]).not.toHaveProperty('y');
    const proba = await samplePayload(s.registries, DATASET, 2, 'predict_proba');
    expect(proba).toMatchObject({ GlobalParameters: { method: 'predict_proba' } });
    for (const payload of [simple, proba]) expect((await s.call(path, payload)).status).toBe(200);
    await expect(samplePayload(s.registries, 'nothing-here', 1)).rejects.toThrow(
      "Dataset 'nothing-here' is not registered",
    );
  });

  it('scores unseen categories as unknown and counts them', async () => {
    const res = await s.call(path, { data: [{ ...row, job: 'astronaut', month: 'smarch' }, row] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ unseenCategories: 2 });
  });

  it.each(malformed)('answers %s with its 4xx and message', async (_what, body, status, message) => {
    const res = await s.call(path, body);
    const text = await res.text();
    expect(res.status, text).toBe(status);
    const error = (JSON.parse(text) as { error: { message: string; details: { path: string; message: string }[] } })
      .error;
    const said = [error.message, ...error.details.map((d) => `${d.path}: ${d.message}`)].join('\n');
    expect(said).toContain(message);
  });

  it('lists an error per row and field', async () => {
    const res = await s.call(path, { data: [{ ...row, age: 'x', job: 1 }, row, { ...row, loan: null }] });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { details: { path: string }[]; hint: string } };
    expect(error.details.map((d) => d.path)).toEqual(['data[0].age', 'data[0].job', 'data[2].loan']);
    expect(error.hint).toContain('age (integer)');
  });

  it('refuses a body over the size limit with 413', async () => {
    const big = JSON.stringify({ data: [row] }).padEnd(17 * 1024 * 1024, ' ');
    const res = await s.call(path, big);
    expect(res.status).toBe(413);
  });

  it('says how to train a model when none is deployed (404), and checks the dataset name', async () => {
    const res = await s.call('/api/models/no-such-data/score', { data: [row] });
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: { message: string; hint: string } };
    expect(error.hint).toContain('POST /api/pipelines/no-such-data/runs');
    expect((await s.call('/api/models/Bad_Name/score', { data: [row] })).status).toBe(400);
  });

  it('needs the function key (header or code)', async () => {
    const url = s.host.baseUrl + path;
    expect((await fetch(url, { method: 'POST', body: JSON.stringify({ data: [row] }) })).status).toBe(401);
    expect(
      (await fetch(`${url}?code=${s.host.functionKey}`, { method: 'POST', body: JSON.stringify({ data: [row] }) }))
        .status,
    ).toBe(200);
  });
});
