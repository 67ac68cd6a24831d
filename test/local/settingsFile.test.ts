import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLocalSettings } from '../../src/local/settingsFile';

describe('loadLocalSettings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates local.settings.json from the example on first start and applies its Values', () => {
    const example = { IsEncrypted: false, Values: { A: 'from-file', B: 3, C: true, D: 'kept' } };
    writeFileSync(join(dir, 'local.settings.example.json'), JSON.stringify(example));
    const env: NodeJS.ProcessEnv = { D: 'already-set' };
    const result = loadLocalSettings(dir, env);
    expect(result.created).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'local.settings.json'), 'utf8'))).toEqual(example);
    expect(env).toEqual({ A: 'from-file', B: '3', C: 'true', D: 'already-set' });
    expect(result.applied).toEqual(['A', 'B', 'C']);
    expect(loadLocalSettings(dir, {}).created).toBe(false);
  });

  it('reads an existing file without touching the example', () => {
    writeFileSync(join(dir, 'local.settings.json'), JSON.stringify({ Values: { X: 'y' } }));
    const env: NodeJS.ProcessEnv = {};
    loadLocalSettings(dir, env);
    expect(env['X']).toBe('y');
  });

  it('does nothing without either file, and names a broken file', () => {
    expect(loadLocalSettings(dir, {}).applied).toEqual([]);
    expect(existsSync(join(dir, 'local.settings.json'))).toBe(false);
    writeFileSync(join(dir, 'local.settings.json'), '{ nope');
    expect(() => loadLocalSettings(dir, {})).toThrow(/local\.settings\.json is not valid JSON/);
  });
});
