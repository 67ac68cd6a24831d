import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

export const summary = 'Score a payload file with a deployed model (--url SCORE_URL --key KEY --file data.json)';

const USAGE = 'usage: automl score --url http://127.0.0.1:7071/api/models/NAME/score --key KEY --file data.json';

/** The seed's endpoint.py: POSTs the file with the function key and prints the results. */
export async function run(argv: readonly string[]): Promise<number> {
  let values: { url?: string; key?: string; file?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { url: { type: 'string' }, key: { type: 'string' }, file: { type: 'string' } },
    }));
  } catch (err) {
    process.stderr.write(`automl score: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.url === undefined || values.file === undefined) {
    process.stderr.write(`automl score: --url and --file are required\n${USAGE}\n`);
    return 2;
  }
  try {
    const body = await readFile(values.file);
    const res = await fetch(values.url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        ...(values.key === undefined ? {} : { 'x-functions-key': values.key }),
      },
    });
    const text = await res.text();
    if (!res.ok) {
      process.stderr.write(`automl score: HTTP ${res.status}\n${text}\n`);
      return 1;
    }
    const answer = JSON.parse(text) as { Results?: unknown[]; model?: string; version?: number };
    process.stderr.write(
      `model ${answer.model ?? '?'} v${res.headers.get('x-model-version') ?? answer.version ?? '?'}\n`,
    );
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`automl score: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
