import { z } from 'zod';

/** Body of POST /api/models/{dataset}/batch. */
export const batchRequestSchema = z
  .object({
    /** Blob names or prefixes in the scoring-inputs container. */
    inputs: z.array(z.string().min(1).max(1024)).min(1).max(100),
    includeProbabilities: z.boolean().default(true),
    outputColumns: z.array(z.string().min(1)).min(1).max(1000).optional(),
  })
  .strict();
