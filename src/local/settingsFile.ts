import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSettingsResult {
  /** The settings file that was read. */
  readonly path: string;
  /** True when this call created it from local.settings.example.json. */
  readonly created: boolean;
  /** Names copied into the environment (set ones are never overwritten, as with Core Tools). */
  readonly applied: readonly string[];
}

/**
 * Applies `local.settings.json` `Values` to the environment the way `func start` does: variables already
 * set win, so `PORT=8080 npm start` or CI overrides keep working. A first start copies the example file.
 */
export function loadLocalSettings(dir: string, env: NodeJS.ProcessEnv = process.env): LocalSettingsResult {
  const path = join(dir, 'local.settings.json');
  let created = false;
  if (!existsSync(path)) {
    const example = join(dir, 'local.settings.example.json');
    if (!existsSync(example)) return { path, created, applied: [] };
    copyFileSync(example, path);
    created = true;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  const values = (parsed as { Values?: unknown }).Values;
  if (values === undefined) return { path, created, applied: [] };
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new Error(`${path}: "Values" must be an object of setting names to values`);
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (env[name] !== undefined || value === null || typeof value === 'object') continue;
    env[name] = String(value);
    applied.push(name);
  }
  return { path, created, applied };
}
