import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { systemError } from './errors';

// The repository (from sources) or dist/ (compiled): this file is src/lib/workerFile.*.
const ROOT = join(__dirname, '..', '..');

/**
 * The compiled JavaScript of worker module `name` in `dir` (the caller's __dirname), for a worker thread to load.
 * Workers load compiled JavaScript: run from sources (tests), the compiled module in dist/ is used, so
 * `npm run build` must have run.
 */
export function workerFile(dir: string, name: string): string {
  const compiled = __filename.endsWith('.ts') ? join(ROOT, 'dist', relative(ROOT, dir)) : dir;
  const file = join(compiled, `${name}.js`);
  if (!existsSync(file)) {
    throw systemError('worker_missing', `worker ${file} is missing; run \`npm run build\` first`);
  }
  return file;
}
