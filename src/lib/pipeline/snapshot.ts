import { type FrameRead, readCsvFrame } from '../data/readFrame';
import { registryPaths } from '../registry/paths';
import { containers } from '../storage/containers';
import type { PipelineContext } from './context';

/** Reads a registered dataset version's immutable snapshot into a frame, streaming from blob storage. */
export async function readSnapshot(ctx: PipelineContext, dataset: string, version: number): Promise<FrameRead> {
  const { stream } = await ctx.store.openRead(
    containers.registry,
    registryPaths.datasetFile(dataset, version, 'data.csv'),
  );
  return readCsvFrame(stream);
}
