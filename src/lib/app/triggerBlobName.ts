import { blobNameProblem } from '../storage/blobName';
import type { AppContext } from './context';

/**
 * Checks the blob name a trigger was fired for (`{dataset}/{file}`) before anything uses it. A refused name
 * is bad input, not a fault: logged once as an event, and the trigger returns (a throw would only be retried)
 * without reading, writing or deleting anything, not even a quarantine copy under the same name.
 */
export function refusedTriggerName(
  ctx: Pick<AppContext, 'telemetry'>,
  blob: { readonly container: string; readonly name: string },
): string | undefined {
  const reason = blobNameProblem(blob.name);
  if (reason !== undefined) {
    ctx.telemetry.event('BlobNameRefused', { container: blob.container, blob: blob.name, reason });
  }
  return reason;
}
