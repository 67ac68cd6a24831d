import { z } from 'zod';

/** Body of `POST /api/pipelines/{dataset}/runs` (every field optional). */
export const startRunBodySchema = z
  .object({
    version: z.number().int().positive().optional(),
    budget: z.number().int().min(5).max(3600).optional(),
    metric: z.string().min(1).optional(),
    seed: z.number().int().min(0).optional(),
  })
  .strict();

export type StartRunBody = z.infer<typeof startRunBodySchema>;
