import { z } from 'zod';
import { systemError, userError } from '../../errors';
import type { Params } from '../types';

/** A positive finite number hyperparameter, with the default when absent. */
export function positiveParam(params: Params, name: string, fallback: number): number {
  const v = params[name] ?? fallback;
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
    throw userError('invalid_param', `Hyperparameter ${name} must be a positive number, got ${String(v)}`);
  }
  return v;
}

/** A number hyperparameter in [0, 1], with the default when absent. */
export function ratioParam(params: Params, name: string, fallback: number): number {
  const v = params[name] ?? fallback;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw userError('invalid_param', `Hyperparameter ${name} must be a number in [0, 1], got ${String(v)}`);
  }
  return v;
}

export const designSchema = z.object({
  features: z.array(
    z.union([
      z.object({ kind: z.literal('numeric'), mean: z.number(), scale: z.number().positive() }),
      z.object({
        kind: z.literal('categorical'),
        categories: z.number().int().nonnegative(),
        levelMean: z.array(z.number()).optional(),
      }),
    ]),
  ),
});

export const paramsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** Parses a stored model with its schema; a failure is corrupt state, not the user's doing. */
export function parseModel<T>(schema: z.ZodType<T>, json: unknown, learner: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw systemError('model_invalid', `Stored ${learner} model is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
