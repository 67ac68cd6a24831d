import { z } from 'zod';

/**
 * The scoring payloads as Azure ML online endpoints take and answer them. These schemas validate the envelope
 * (the handler) and describe it (the OpenAPI document); each row is checked against the deployed model's own
 * input schema by a validator compiled once per model (see rowValidator.ts), not by zod per row.
 */
// A row is documented as an object but not parsed by zod: z.record would walk every cell of every row (15x
// slower on 100 rows); the compiled validator checks rows, objects included, in the same pass as their values.
export const scoreRowSchema = z.unknown().meta({
  type: 'object',
  additionalProperties: true,
  description: "One row: every input column of the deployed model, by name (see the model's schema).",
});

export const scoreRowsSchema = z.array(scoreRowSchema).min(1);

export const scoreMethodSchema = z
  .enum(['predict', 'predict_proba'])
  .meta({ description: 'predict: labels (or values); predict_proba: class probabilities in `classes` order.' });

export const simpleScoreRequestSchema = z.strictObject({ data: scoreRowsSchema }).meta({ title: 'ScoreRequest' });

export const azureScoreRequestSchema = z
  .strictObject({
    Inputs: z.strictObject({ data: scoreRowsSchema }),
    GlobalParameters: z.strictObject({ method: scoreMethodSchema.default('predict') }).optional(),
  })
  .meta({ title: 'AzureScoreRequest' });

/** Both shapes, for the document; the handler picks one by the presence of `Inputs` for precise errors. */
export const scoreRequestSchema = z.union([simpleScoreRequestSchema, azureScoreRequestSchema]);

export const scoreResponseSchema = z
  .object({
    Results: z
      .array(z.union([z.string(), z.number(), z.array(z.number())]))
      .meta({ description: 'One entry per row: a label, a value (regression) or class probabilities.' }),
    model: z.string().meta({ description: 'The model name (its dataset).' }),
    version: z.number().int().positive(),
    method: scoreMethodSchema,
    classes: z.array(z.string()).optional().meta({ description: 'Classification: the order of probabilities.' }),
    unseenCategories: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'Categorical values training never saw (scored as unknown).' }),
  })
  .meta({ title: 'ScoreResponse' });

export type ScoreMethod = z.infer<typeof scoreMethodSchema>;
export type ScoreResponse = z.infer<typeof scoreResponseSchema>;
