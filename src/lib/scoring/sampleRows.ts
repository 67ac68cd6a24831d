import { Readable } from 'node:stream';
import { readCsvFrame } from '../data/frame/readFrame';
import { type RowRecord, rowRecords } from '../data/frame/rowRecords';
import type { ColumnSchema } from '../data/frame/schema';
import type { DatasetRegistry } from '../registry/datasetRegistry';
import { registryPaths } from '../registry/paths';
import type { BlobStore } from '../storage/blobStore';
import { containers } from '../storage/containers';
import type { ScoringColumn } from './scoringColumn';

/** Enough of the snapshot for a few example rows, without reading a large file whole. */
const HEAD_BYTES = 256 * 1024;

/** The dataset version's registered columns (schema.json), or undefined when it has none. */
export async function datasetColumns(
  datasets: DatasetRegistry,
  dataset: string,
  version: number,
): Promise<ColumnSchema[] | undefined> {
  const doc = (await datasets.readDocument(dataset, version, 'schema.json')) as
    | { columns?: ColumnSchema[] }
    | undefined;
  return Array.isArray(doc?.columns) ? doc.columns : undefined;
}

/**
 * The first `count` rows of a registered dataset version as scoring rows: only the model's input columns,
 * typed as the endpoint expects them (numbers, strings, null for missing).
 */
export async function sampleRows(
  store: BlobStore,
  datasets: DatasetRegistry,
  dataset: string,
  version: number,
  inputs: readonly ScoringColumn[],
  count: number,
): Promise<RowRecord[]> {
  const columns = await datasetColumns(datasets, dataset, version);
  const { stream } = await store.openRead(containers.registry, registryPaths.datasetFile(dataset, version, 'data.csv'));
  const text = await head(stream, count);
  const { frame } = await readCsvFrame(Readable.from([Buffer.from(text)]), columns === undefined ? {} : { columns });
  return rowRecords(
    frame,
    inputs.map((c) => c.name),
    count,
  );
}

/** The file's first complete lines (header + `rows`, with slack), stopping the download early. */
async function head(stream: Readable, rows: number): Promise<string> {
  let text = '';
  let lines = 0;
  for await (const chunk of stream) {
    const part = String(chunk);
    text += part;
    for (let i = 0; i < part.length; i++) if (part.charCodeAt(i) === 10) lines++;
    if (lines > rows + 1 && text.length >= Math.min(HEAD_BYTES, text.length)) break;
  }
  stream.destroy();
  const end = text.lastIndexOf('\n');
  return lines > rows + 1 && end > 0 ? text.slice(0, end + 1) : text;
}
