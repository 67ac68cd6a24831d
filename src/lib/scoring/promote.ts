import { z } from 'zod';
import type { AppContext } from '../app/context';
import { notFound } from '../errors';
import type { Deployment } from '../registry/documents';

/** POST /models/{dataset}/deploy: the body the handler validates and the document describes. */
export const promoteRequestSchema = z
  .strictObject({
    version: z.number().int().positive().meta({ description: 'The registered model version to serve.' }),
    reason: z.string().min(1).max(500).optional().meta({ description: 'Kept in the deployment history.' }),
  })
  .meta({ title: 'PromoteRequest' });

export const promoteResponseSchema = z
  .object({
    dataset: z.string(),
    modelVersion: z.number().int().positive(),
    previousVersion: z.number().int().positive().optional(),
    deployedAt: z.string(),
  })
  .meta({ title: 'PromoteResponse' });

export type PromoteRequest = z.infer<typeof promoteRequestSchema>;
export type PromoteResponse = z.infer<typeof promoteResponseSchema>;

/**
 * Points the deployment at a registered, ready model version by hand (promote or rollback), as a 'manual'
 * event in the history. Scoring instances pick it up at their next pointer check.
 */
export async function promoteModel(
  ctx: Pick<AppContext, 'models' | 'deployments' | 'now'>,
  dataset: string,
  request: PromoteRequest,
): Promise<PromoteResponse> {
  const model = await ctx.models.get(dataset, request.version);
  if (model === undefined || model.status !== 'ready') {
    notFound(`Model ${dataset} v${request.version}`, `List the versions with GET /api/models/${dataset}.`);
  }
  const { deployment } = await ctx.deployments.record(dataset, (current: Deployment | undefined) => ({
    at: ctx.now().toISOString(),
    action: 'manual',
    modelVersion: request.version,
    ...(current === undefined ? {} : { previousVersion: current.modelVersion }),
    reason: request.reason ?? `manual deployment of v${request.version}`,
  }));
  const previous = deployment.history.at(-1)?.previousVersion;
  return {
    dataset,
    modelVersion: deployment.modelVersion,
    ...(previous === undefined ? {} : { previousVersion: previous }),
    deployedAt: deployment.deployedAt,
  };
}
