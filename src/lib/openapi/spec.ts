import { z } from 'zod';
import { DATASET_NAME } from '../datasetName';
import type { DeployedModel } from '../scoring/deployedModel';
import { promoteRequestSchema, promoteResponseSchema } from '../scoring/promote';
import { azureScoreRequestSchema, scoreResponseSchema, simpleScoreRequestSchema } from '../scoring/requestSchema';
import { modelRowSchema } from './rowSchema';

type JsonObject = Record<string, unknown>;

const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      hint: z.string().optional(),
    }),
  })
  .meta({ title: 'Error' });

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonObject =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io }) as JsonObject;

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

const jsonContent = (schema: JsonObject, example?: unknown): JsonObject => ({
  'application/json': { schema, ...(example === undefined ? {} : { example }) },
});

const errorResponse = (description: string): JsonObject => ({ description, content: jsonContent(ref('Error')) });

const scoreErrors = {
  '400': errorResponse('Malformed body, or rows that do not fit the model (each row and field listed)'),
  '401': { description: 'Missing or wrong function key' },
  '404': errorResponse('No model is deployed for this dataset'),
  '413': errorResponse('Body or row count over the limit'),
};

const datasetParameter = {
  name: 'dataset',
  in: 'path',
  required: true,
  description: 'The dataset name (the model lineage takes it)',
  schema: { type: 'string', pattern: DATASET_NAME.source },
};

/** The score operation of one deployed model: its own row schema and its example rows. */
function modelScorePath(model: DeployedModel): JsonObject {
  const name = `${model.dataset}Row`;
  const row = toSchema(modelRowSchema(model.columns), 'input');
  const rows = { type: 'array', minItems: 1, items: row };
  const example = model.examples.length === 0 ? undefined : { data: model.examples };
  return {
    post: {
      operationId: `score_${model.dataset.replaceAll('-', '_')}`,
      tags: ['scoring'],
      summary: `Score rows with ${model.dataset} v${model.version}`,
      description: `Rows of \`${name}\`: ${model.columns.length} input columns. Azure's \`{"Inputs": {"data": [...]}, "GlobalParameters": {"method": "predict_proba"}}\` is accepted too.`,
      requestBody: {
        required: true,
        content: jsonContent(
          {
            oneOf: [
              { type: 'object', required: ['data'], additionalProperties: false, properties: { data: rows } },
              {
                type: 'object',
                required: ['Inputs'],
                additionalProperties: false,
                properties: {
                  Inputs: {
                    type: 'object',
                    required: ['data'],
                    additionalProperties: false,
                    properties: { data: rows },
                  },
                  GlobalParameters: toSchema(azureScoreRequestSchema.shape.GlobalParameters.unwrap(), 'input'),
                },
              },
            ],
          },
          example,
        ),
      },
      responses: {
        '200': {
          description: 'One result per row',
          headers: { 'x-model-version': { schema: { type: 'integer' }, description: 'The model version that scored' } },
          content: jsonContent(ref('ScoreResponse')),
        },
        ...scoreErrors,
      },
    },
  };
}

/** The score operation with the generic request shapes (no column of any model). */
const genericScore = {
  tags: ['scoring'],
  requestBody: {
    required: true,
    content: jsonContent({ oneOf: [ref('ScoreRequest'), ref('AzureScoreRequest')] }),
  },
  responses: {
    '200': {
      description: 'One result per row',
      headers: { 'x-model-version': { schema: { type: 'integer' } } },
      content: jsonContent(ref('ScoreResponse')),
    },
    ...scoreErrors,
  },
};

/**
 * The score operation of a deployed dataset as the anonymous document shows it: the generic request shapes,
 * no column values or example rows (those are training data), and where the keyed per-model document is.
 */
function namedScorePath(dataset: string): JsonObject {
  return {
    post: {
      operationId: `score_${dataset.replaceAll('-', '_')}`,
      summary: `Score rows with the deployed model of ${dataset}`,
      description: `Rows of the model's input columns by name. Its row schema and an example: GET /models/${dataset}/openapi.json (function key).`,
      ...genericScore,
    },
  };
}

/**
 * The anonymous OpenAPI 3 document: the generic operations and one score operation per deployed dataset, by
 * name only. It reads no model, so it costs the same however many are deployed, and it discloses no training
 * values.
 */
export function publicOpenApiDocument(datasets: readonly string[], info: { version: string }): JsonObject {
  return document(Object.fromEntries(datasets.map((d) => [`/models/${d}/score`, namedScorePath(d)])), info);
}

/**
 * The keyed document of deployed models: the generic operations plus each model's own score operation with
 * its input schema (known categories included) and example rows, as Azure's swagger.json has.
 */
export function openApiDocument(models: readonly DeployedModel[], info: { version: string }): JsonObject {
  return document(Object.fromEntries(models.map((m) => [`/models/${m.dataset}/score`, modelScorePath(m)])), info);
}

/** Generic operations from the handlers' zod schemas, `named` ones, and the function-key scheme (header `x-functions-key` or query `code`). */
function document(named: JsonObject, info: { version: string }): JsonObject {
  const paths: JsonObject = {
    '/models/{dataset}/score': {
      post: {
        operationId: 'score',
        summary: 'Score rows with the deployed model of a dataset',
        parameters: [datasetParameter],
        ...genericScore,
      },
    },
    '/models/{dataset}/deploy': {
      post: {
        operationId: 'deployModel',
        tags: ['models'],
        summary: 'Promote or roll back: serve a registered model version',
        parameters: [datasetParameter],
        requestBody: { required: true, content: jsonContent(ref('PromoteRequest')) },
        responses: {
          '200': {
            description: 'The deployment pointer now names this version',
            content: jsonContent(ref('PromoteResponse')),
          },
          '400': errorResponse('Malformed body'),
          '401': { description: 'Missing or wrong function key' },
          '404': errorResponse('No such ready model version'),
        },
      },
    },
    '/models/{dataset}/openapi.json': {
      get: {
        operationId: 'modelOpenapi',
        tags: ['docs'],
        summary: "The deployed model's document: its row schema, known categories and an example payload",
        parameters: [datasetParameter],
        responses: {
          '200': { description: 'OpenAPI 3 document', content: { 'application/json': {} } },
          '401': { description: 'Missing or wrong function key' },
          '404': errorResponse('No model is deployed for this dataset'),
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openapi',
        tags: ['docs'],
        summary: 'The anonymous document: routes and generic schemas, no training values',
        security: [],
        responses: { '200': { description: 'OpenAPI 3 document', content: { 'application/json': {} } } },
      },
    },
    ...named,
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'automl-functions',
      version: info.version,
      description: 'Real-time scoring of the deployed AutoML models. Authorize with a function key to try calls.',
    },
    servers: [{ url: '/api' }],
    security: [{ functionKey: [] }, { functionKeyQuery: [] }],
    tags: [{ name: 'scoring' }, { name: 'models' }, { name: 'docs' }],
    paths,
    components: {
      securitySchemes: {
        functionKey: { type: 'apiKey', in: 'header', name: 'x-functions-key' },
        functionKeyQuery: { type: 'apiKey', in: 'query', name: 'code' },
      },
      schemas: {
        ScoreRequest: toSchema(simpleScoreRequestSchema, 'input'),
        AzureScoreRequest: toSchema(azureScoreRequestSchema, 'input'),
        ScoreResponse: toSchema(scoreResponseSchema, 'output'),
        PromoteRequest: toSchema(promoteRequestSchema, 'input'),
        PromoteResponse: toSchema(promoteResponseSchema, 'output'),
        Error: toSchema(errorBodySchema, 'output'),
      },
    },
  };
}
