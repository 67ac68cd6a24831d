import { workerFile } from '../../workerFile';
import { type ChunkJob, type ChunkProfile, profileChunk } from './profileChunk';

/** A chunk's profile, or the job back when profiling it failed (the caller reruns it to throw the error right). */
export type ChunkOutcome = { readonly profile: ChunkProfile } | { readonly failed: ChunkJob };

/** Profiles chunks: here, or on worker threads. */
export interface ChunkRunner {
  run(job: ChunkJob): Promise<ChunkOutcome>;
  close(): Promise<void>;
}

/** Runs a job, turning a failure into the job handed back. */
export function tryChunk(job: ChunkJob): ChunkOutcome {
  try {
    return { profile: profileChunk(job) };
  } catch {
    return { failed: job };
  }
}

/** Profiles each chunk on the calling thread, when asked. */
export const inlineChunks: ChunkRunner = {
  run: async (job) => tryChunk(job),
  close: async () => {},
};

/**
 * A tinypool of `threads` workers profiling chunks; a job's bytes are in shared memory, not copied.
 * Workers load compiled JavaScript: from sources (tests) the compiled worker in dist/ is used, so
 * `npm run build` must have run.
 */
export async function poolChunks(threads: number): Promise<ChunkRunner> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: workerFile(__dirname, 'chunkWorker'),
    minThreads: threads,
    maxThreads: threads,
    // A smaller young generation than V8's default: nearly all of a chunk's garbage dies young anyway, and
    // each worker's heap counts against the ingest's memory (measured: ~50 MB less peak RSS, same speed).
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
  return {
    run: (job) => pool.run(job) as Promise<ChunkOutcome>,
    close: () => pool.destroy(),
  };
}
