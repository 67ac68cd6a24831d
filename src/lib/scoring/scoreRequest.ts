import { userError } from '../errors';
import type { DeployedModel } from './deployedModel';
import type { ScoringLimits } from './limits';
import {
  azureScoreRequestSchema,
  type ScoreMethod,
  type ScoreResponse,
  simpleScoreRequestSchema,
} from './requestSchema';

export interface ScoreRequest {
  readonly rows: readonly unknown[];
  readonly method: ScoreMethod;
}

/**
 * Parses a scoring body: size limit (413), JSON, then the envelope of whichever Azure shape it is (400 per
 * field), then the row limit (413). Rows themselves are checked against the model by `scoreRows`.
 */
export function parseScoreRequest(text: string, limits: ScoringLimits): ScoreRequest {
  if (text.length > limits.maxBodyBytes || Buffer.byteLength(text) > limits.maxBodyBytes) {
    throw userError('body_too_large', `The request body is over ${limits.maxBodyBytes} bytes.`, {
      status: 413,
      hint: 'Split the rows over several requests, or use the batch endpoint for files.',
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw userError('invalid_json', `The request body is not valid JSON: ${(err as Error).message}`, {
      hint: 'Send {"data": [{...}, ...]} with content-type application/json.',
    });
  }
  const request = wellFormed(body) ?? parseEnvelope(body);
  if (request.rows.length > limits.maxRows) {
    throw userError(
      'too_many_rows',
      `${request.rows.length} rows is over the limit of ${limits.maxRows} per request.`,
      {
        status: 413,
        hint: 'Split the rows over several requests, or use the batch endpoint for files.',
      },
    );
  }
  return request;
}

/** The envelope through its zod schema: what it means, or every problem with it (400). */
function parseEnvelope(body: unknown): ScoreRequest {
  const azure = typeof body === 'object' && body !== null && 'Inputs' in body;
  const parsed = azure ? azureScoreRequestSchema.safeParse(body) : simpleScoreRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw userError('invalid_request', 'The request body is not a scoring request.', {
      details: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
      hint: 'Send {"data": [{...}]} or {"Inputs": {"data": [{...}]}, "GlobalParameters": {"method": "predict_proba"}}.',
    });
  }
  return 'Inputs' in parsed.data
    ? { rows: parsed.data.Inputs.data, method: parsed.data.GlobalParameters?.method ?? 'predict' }
    : { rows: parsed.data.data, method: 'predict' };
}

/**
 * The envelope when it is exactly what the schemas accept — the common case, checked without zod's walk.
 * Anything else answers undefined and goes through `parseEnvelope`, so errors are zod's, word for word.
 */
function wellFormed(body: unknown): ScoreRequest | undefined {
  if (!isObject(body)) return undefined;
  if (!('Inputs' in body)) {
    const data = body['data'];
    return keyCount(body) === 1 && Array.isArray(data) && data.length > 0
      ? { rows: data, method: 'predict' }
      : undefined;
  }
  const inputs = body['Inputs'];
  const parameters = body['GlobalParameters'];
  if (!isObject(inputs) || keyCount(inputs) !== 1) return undefined;
  const data = inputs['data'];
  if (!Array.isArray(data) || data.length === 0) return undefined;
  if (parameters === undefined) return keyCount(body) === 1 ? { rows: data, method: 'predict' } : undefined;
  if (!isObject(parameters) || keyCount(body) !== 2) return undefined;
  const method = parameters['method'];
  const count = keyCount(parameters);
  if (count === 0) return { rows: data, method: 'predict' };
  return count === 1 && (method === 'predict' || method === 'predict_proba') ? { rows: data, method } : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Enumerable keys, as strictObject sees them (JSON.parse makes even `__proto__` one). */
function keyCount(value: object): number {
  let n = 0;
  for (const _ in value) n++;
  return n;
}

/**
 * Validates the rows against the model's inputs (400 per row and field) and scores them: the answer, a
 * ScoreResponse, as the JSON text `JSON.stringify` writes for it.
 */
export function scoreRows(model: DeployedModel, request: ScoreRequest): string {
  const { count, issues } = model.validate(request.rows);
  if (count > 0) {
    const listed = issues.length < count ? ` (first ${issues.length} listed)` : '';
    throw userError('invalid_rows', `${count} invalid value(s) in the rows${listed}.`, {
      details: issues,
      hint: `Columns: ${model.columns.map((c) => `${c.name} (${c.type}${c.nullable ? ', nullable' : ''})`).join(', ')}.`,
    });
  }
  const predictor = model.predictor;
  if (request.method === 'predict_proba' && predictor.task === 'regression') {
    throw userError('invalid_method', 'predict_proba needs a classification model; this one is a regression.', {
      details: [{ path: 'GlobalParameters.method', message: "use 'predict'" }],
    });
  }
  // validate() has checked every row is an object with the model's columns.
  const prediction = predictor.predictRows(request.rows as readonly Record<string, unknown>[]);
  let results: ScoreResponse['Results'];
  if (prediction.task === 'regression') results = Array.from(prediction.values);
  else if (request.method === 'predict') results = prediction.labels;
  else {
    const k = predictor.classes.length;
    const p = prediction.probabilities;
    const rows: number[][] = new Array(prediction.labels.length);
    for (let i = 0; i < rows.length; i++) rows[i] = Array.from(p.subarray(i * k, i * k + k));
    results = rows;
  }
  return `{"Results":${JSON.stringify(results)}${sharedMembers(model, request.method)}${prediction.unseenCategories}}`;
}

/** Per model and method: the members every answer shares, serialised on its first answer. */
const shared = new WeakMap<DeployedModel, Partial<Record<ScoreMethod, string>>>();

/**
 * `,"model":…,"version":…,"method":…,"unseenCategories":` (with `"classes":…` before the count for
 * predict_proba), in ScoreResponse's member order: serialising these once, not on every answer, is a
 * measurable share of a one-row request.
 */
function sharedMembers(model: DeployedModel, method: ScoreMethod): string {
  let byMethod = shared.get(model);
  if (byMethod === undefined) {
    byMethod = {};
    shared.set(model, byMethod);
  }
  let text = byMethod[method];
  if (text === undefined) {
    const members = { model: model.dataset, version: model.version, method };
    const withClasses = method === 'predict_proba' ? { ...members, classes: model.predictor.classes } : members;
    text = `,${JSON.stringify(withClasses).slice(1, -1)},"unseenCategories":`;
    byMethod[method] = text;
  }
  return text;
}
