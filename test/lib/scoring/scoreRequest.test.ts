import { describe, expect, it } from 'vitest';
import type { Prediction, Predictor } from '../../../src/lib/automl/artifact';
import { isAppError } from '../../../src/lib/errors';
import type { DeployedModel } from '../../../src/lib/scoring/deployedModel';
import { DEFAULT_SCORING_LIMITS } from '../../../src/lib/scoring/limits';
import {
  azureScoreRequestSchema,
  type ScoreMethod,
  scoreResponseSchema,
  simpleScoreRequestSchema,
} from '../../../src/lib/scoring/requestSchema';
import { parseScoreRequest, scoreRows } from '../../../src/lib/scoring/scoreRequest';

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

/** A deployed model whose predictor answers `prediction` for any rows (every row valid). */
function stubModel(version: number, prediction: Prediction, classes: string[]): DeployedModel {
  const predictor = { task: prediction.task, classes, predictRows: () => prediction } as unknown as Predictor;
  return {
    dataset: 'bank-marketing',
    version,
    predictor,
    columns: [],
    validate: () => ({ count: 0, issues: [] }),
    examples: [],
  };
}

describe('scoreRows', () => {
  const binary: Prediction = {
    task: 'binary',
    probabilities: new Float64Array([0.75, 0.25, 0.1, 0.9]),
    labels: ['no', 'yes'],
    unseenCategories: 3,
  };
  const regression: Prediction = { task: 'regression', values: new Float64Array([1.5, -2e-7]), unseenCategories: 0 };
  const request = (method: ScoreMethod) => ({ rows: [row, row], method });

  it('answers the text JSON.stringify writes for the ScoreResponse, member for member', () => {
    const cases: [DeployedModel, ScoreMethod, unknown][] = [
      [
        stubModel(2, binary, ['no', 'yes']),
        'predict',
        { Results: ['no', 'yes'], model: 'bank-marketing', version: 2, method: 'predict', unseenCategories: 3 },
      ],
      [
        stubModel(2, binary, ['no', 'yes']),
        'predict_proba',
        {
          Results: [
            [0.75, 0.25],
            [0.1, 0.9],
          ],
          model: 'bank-marketing',
          version: 2,
          method: 'predict_proba',
          classes: ['no', 'yes'],
          unseenCategories: 3,
        },
      ],
      [
        stubModel(5, regression, []),
        'predict',
        { Results: [1.5, -2e-7], model: 'bank-marketing', version: 5, method: 'predict', unseenCategories: 0 },
      ],
    ];
    for (const [model, method, expected] of cases) {
      // Twice: the second answer reuses the members serialised for the first.
      for (let i = 0; i < 2; i++) {
        const text = scoreRows(model, request(method));
        expect(text).toBe(JSON.stringify(expected));
        expect(scoreResponseSchema.parse(JSON.parse(text))).toEqual(expected);
      }
    }
  });

  it('keeps each model version and method apart, and refuses predict_proba for a regression', () => {
    const v1 = stubModel(1, binary, ['no', 'yes']);
    const v2 = stubModel(2, { ...binary, unseenCategories: 0 }, ['no', 'yes']);
    expect(JSON.parse(scoreRows(v1, request('predict_proba')))).toMatchObject({ version: 1, unseenCategories: 3 });
    expect(JSON.parse(scoreRows(v2, request('predict')))).toEqual({
      Results: ['no', 'yes'],
      model: 'bank-marketing',
      version: 2,
      method: 'predict',
      unseenCategories: 0,
    });
    expect(JSON.parse(scoreRows(v1, request('predict')))).not.toHaveProperty('classes');
    expect(() => scoreRows(stubModel(1, regression, []), request('predict_proba'))).toThrow('needs a classification');
  });
});
