import type { AppContext } from '../app/context';
import { type FrameRead, readCsvFrame } from '../data/frame/readFrame';
import { registryPaths } from '../registry/paths';
import { containers } from '../storage/containers';

/** Reads a registered dataset version's immutable snapshot into a frame, streaming from blob storage. */
export async function readSnapshot(ctx: AppContext, dataset: string, version: number): Promise<FrameRead> {
  const { stream } = await ctx.store.openRead(
    containers.registry,
    registryPaths.datasetFile(dataset, version, 'data.csv'),
  );
  return readCsvFrame(stream);
}
