import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../src/lib/errors';
import { DEFAULT_SCORING_LIMITS } from '../../../src/lib/scoring/limits';
import { azureScoreRequestSchema, simpleScoreRequestSchema } from '../../../src/lib/scoring/requestSchema';
import { parseScoreRequest } from '../../../src/lib/scoring/scoreRequest';

const row = { a: 1 };

/** What the zod schemas alone make of a body: the request, or the issues as the 400 lists them. */
function bySchema(body: unknown): unknown {
  const azure = typeof body === 'object' && body !== null && 'Inputs' in body;
  const parsed = azure ? azureScoreRequestSchema.safeParse(body) : simpleScoreRequestSchema.safeParse(body);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  }
  return 'Inputs' in parsed.data
    ? { rows: parsed.data.Inputs.data, method: parsed.data.GlobalParameters?.method ?? 'predict' }
    : { rows: parsed.data.data, method: 'predict' };
}

function parsed(text: string): unknown {
  try {
    return parseScoreRequest(text, DEFAULT_SCORING_LIMITS);
  } catch (err) {
    if (isAppError(err) && err.code === 'invalid_request') return err.details;
    throw err;
  }
}

const bodies: unknown[] = [
  { data: [row] },
  { data: [row, 2, null] },
  { data: [] },
  { data: row },
  { data: [row], extra: 1 },
  {},
  [row],
  'text',
  null,
  { Inputs: { data: [row] } },
  { Inputs: { data: [row] }, GlobalParameters: {} },
  { Inputs: { data: [row] }, GlobalParameters: { method: 'predict' } },
  { Inputs: { data: [row] }, GlobalParameters: { method: 'predict_proba' } },
  { Inputs: { data: [row] }, GlobalParameters: { method: 'explain' } },
  { Inputs: { data: [row] }, GlobalParameters: { method: 'predict', other: 1 } },
  { Inputs: { data: [row] }, GlobalParameters: { other: 1 } },
  { Inputs: { data: [row] }, GlobalParameters: null },
  { Inputs: { data: [row] }, GlobalParameters: [] },
  { Inputs: { data: [row] }, extra: 1 },
  { Inputs: { data: [row], extra: 1 } },
  { Inputs: { data: [] } },
  { Inputs: {} },
  { Inputs: [] },
  { Inputs: null },
  { Inputs: { data: [row] }, data: [row] },
];

describe('parseScoreRequest', () => {
  it.each(bodies.map((b) => [JSON.stringify(b), b]))('reads %s exactly as the zod schemas do', (text, body) => {
    expect(parsed(text)).toEqual(bySchema(body));
  });

  it('counts a JSON __proto__ key as the unknown key it is', () => {
    const text = '{"data": [{"a": 1}], "__proto__": {}}';
    expect(parsed(text)).toEqual(bySchema(JSON.parse(text)));
    expect(parsed(text)).not.toHaveProperty('rows');
  });
});
