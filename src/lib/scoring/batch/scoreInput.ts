import type { Predictor } from '../../automl/artifact';
import type { LabelledPredictions } from '../../automl/evaluate/labelledPredictions';
import { readCsvChunks } from '../../data/csv/csvChunks';
import { isAppError, userError } from '../../errors';
import { blobNameProblem } from '../../storage/blobName';
import type { BlobStore } from '../../storage/blobStore';
import { containers } from '../../storage/containers';
import { ChunkFramer, checkAligned, type ScoringSchema } from './chunkFrame';
import { csvLine, type OutputShape, ScoredCsv } from './csvOutput';
import { ScoreTally } from './scoreTally';
import { BlobCsvWriter } from './streamWriter';
import type { InputOutcome } from './summary';

export interface InputScoring {
  readonly store: BlobStore;
  readonly predictor: Predictor;
  readonly schema: ScoringSchema;
  readonly shape: OutputShape;
  readonly chunkRows: number;
  readonly rejects: BlobCsvWriter;
  readonly labelled: LabelledPredictions;
  /** Awaited between pieces of input: progress reports (and a chance to notice a lost claim). */
  readonly onProgress: (rows: number, rejected: number, bytes: number) => Promise<void>;
}

/** Input problems that reject the one file (it is not a CSV) instead of failing the whole job. */
const NOT_CSV = new Set(['binary_file', 'not_csv']);

/**
 * Scores one input blob end to end as a stream: download → CSV chunks → Frame → model → CSV → staged upload
 * to `output`. Memory is bounded by the chunk size and the stream buffers, whatever the file's size.
 */
export async function scoreInput(s: InputScoring, name: string, output: string): Promise<InputOutcome> {
  // Names come from a listing of a container users write to: one that would address another path is not followed.
  const refused = blobNameProblem(name);
  if (refused !== undefined) return { name, status: 'rejected', reason: `not a usable blob name: ${refused}` };
  let source: Awaited<ReturnType<BlobStore['openRead']>>;
  try {
    source = await s.store.openRead(containers.scoringInputs, name);
  } catch (err) {
    if (isAppError(err) && err.code === 'blob_not_found') return { name, status: 'rejected', reason: err.message };
    throw err;
  }
  const tally = new ScoreTally(s.schema.classes);
  let writer: BlobCsvWriter | undefined;
  let framer: ChunkFramer | undefined;
  let formatter: ScoredCsv | undefined;
  try {
    const read = await readCsvChunks(
      source.stream,
      {
        start(dialect) {
          if (dialect.width < 2) {
            throw userError('not_csv', 'no field delimiter (comma, semicolon, tab or bar) found: not a CSV');
          }
          framer = new ChunkFramer(s.schema, dialect.columns);
          formatter = new ScoredCsv(dialect, s.shape);
          writer = new BlobCsvWriter(s.store, containers.scoringResults, output);
          writer.write(formatter.header);
          return formatter.needsLines;
        },
        chunk(chunk) {
          checkAligned(chunk.rows.length, chunk.records.length);
          const framed = framer!.frame(chunk.rows);
          const rejects = [
            ...chunk.rejects,
            ...framed.rejects.map((r) => ({ record: chunk.records[r.index]!, reason: r.reason })),
          ].sort((a, b) => a.record - b.record);
          for (const r of rejects) s.rejects.write(csvLine([name, r.record, r.reason]));
          tally.rejected += rejects.length;
          if (framed.frame.rowCount === 0) return;
          const prediction = s.predictor.predictFrame(framed.frame);
          tally.add(prediction);
          if (framed.labels !== undefined) s.labelled.add(framed.labels, prediction);
          writer!.write(formatter!.format(chunk, framed.kept, prediction));
        },
      },
      {
        chunkRows: s.chunkRows,
        pace: (bytes) => pace(s, writer, tally, bytes),
      },
    );
    if (writer === undefined) await s.store.writeText(containers.scoringResults, output, '', 'text/csv; charset=utf-8');
    else await writer.close();
    await s.onProgress(tally.scored, tally.rejected, read.bytes);
    return { name, status: 'scored', tally, output };
  } catch (err) {
    source.stream.destroy();
    await writer?.abort();
    if (isAppError(err) && NOT_CSV.has(err.code)) return { name, status: 'rejected', reason: err.message };
    throw err;
  }
}

async function pace(s: InputScoring, writer: BlobCsvWriter | undefined, tally: ScoreTally, bytes: number) {
  const waits = [writer?.drained(), s.rejects.drained()].filter((w) => w !== undefined);
  if (waits.length > 0) await Promise.all(waits);
  await s.onProgress(tally.scored, tally.rejected, bytes);
}
