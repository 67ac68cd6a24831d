import { describe, expect, it } from 'vitest';
import { openApiDocument, publicOpenApiDocument } from '../../../src/lib/openapi/spec';
import type { DeployedModel } from '../../../src/lib/scoring/deployedModel';
import { compileRowValidator } from '../../../src/lib/scoring/rowValidator';
import type { ScoringColumn } from '../../../src/lib/scoring/scoringColumn';

const columns: ScoringColumn[] = [
  { name: 'age', type: 'integer', nullable: false },
  { name: 'job', type: 'categorical', nullable: true, categories: ['admin.', 'technician'] },
];
const model = {
  dataset: 'bank-x',
  version: 3,
  columns,
  validate: compileRowValidator(columns),
  examples: [{ age: 40, job: 'admin.' }],
} as unknown as DeployedModel;

type Doc = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, Record<string, unknown>> };
};

describe('openApiDocument', () => {
  const doc = openApiDocument([model], { version: '1.2.3' }) as unknown as Doc;

  it('is OpenAPI 3 with the function-key schemes (header and query)', () => {
    expect(doc).toMatchObject({ openapi: '3.0.3', info: { version: '1.2.3' }, servers: [{ url: '/api' }] });
    expect(doc.components.securitySchemes).toEqual({
      functionKey: { type: 'apiKey', in: 'header', name: 'x-functions-key' },
      functionKeyQuery: { type: 'apiKey', in: 'query', name: 'code' },
    });
  });

  it('describes both request shapes from the handler schemas', () => {
    expect(doc.components.schemas['ScoreRequest']).toMatchObject({ required: ['data'], additionalProperties: false });
    const azure = doc.components.schemas['AzureScoreRequest'] as { properties: Record<string, unknown> };
    expect(azure.properties['GlobalParameters']).toMatchObject({
      properties: { method: { enum: ['predict', 'predict_proba'] } },
    });
    expect(doc.paths['/models/{dataset}/score']?.['post']).toMatchObject({ operationId: 'score' });
    expect(doc.paths['/openapi.json']?.['get']).toMatchObject({ security: [] });
  });

  it("has each deployed model's own operation with its row schema and an example row", () => {
    const op = doc.paths['/models/bank-x/score']?.['post'] as {
      operationId: string;
      requestBody: { content: { 'application/json': { schema: { oneOf: unknown[] }; example: unknown } } };
    };
    expect(op.operationId).toBe('score_bank_x');
    const content = op.requestBody.content['application/json'];
    expect(content.example).toEqual({ data: [{ age: 40, job: 'admin.' }] });
    expect(content.schema.oneOf[0]).toMatchObject({
      properties: {
        data: {
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['age', 'job'],
            properties: { age: { type: 'integer' }, job: { type: 'string', nullable: true } },
          },
        },
      },
    });
  });

  it('points to the keyed per-model document', () => {
    expect(doc.paths['/models/{dataset}/openapi.json']?.['get']).toMatchObject({ operationId: 'modelOpenapi' });
    expect(doc.paths['/models/{dataset}/openapi.json']?.['get']).not.toHaveProperty('security');
  });
});

describe('publicOpenApiDocument', () => {
  const doc = publicOpenApiDocument(['bank-x'], { version: '1.2.3' }) as unknown as Doc;

  it('names each deployed dataset with the generic request shapes, and no categories or examples', () => {
    const op = doc.paths['/models/bank-x/score']?.['post'] as { operationId: string; requestBody: unknown };
    expect(op.operationId).toBe('score_bank_x');
    expect(op.requestBody).toEqual(
      (doc.paths['/models/{dataset}/score']!['post'] as { requestBody: unknown }).requestBody,
    );
    const text = JSON.stringify(doc);
    expect(text).not.toContain('admin.');
    expect(text).not.toContain('"example"');
    expect(doc.components.securitySchemes).toHaveProperty('functionKey');
  });
});
