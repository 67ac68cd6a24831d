import { type ChunkOutcome, tryChunk } from './chunkRunner';
import type { ChunkJob } from './profileChunk';

/** Worker-thread entry of the chunk pool (tinypool loads dist/src/lib/data/chunks/chunkWorker.js). */
export default function runChunk(job: ChunkJob): ChunkOutcome {
  return tryChunk(job);
}
