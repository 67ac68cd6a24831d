import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/profile';

const FIXTURES = join(__dirname, '../fixtures/data');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
  return { out: () => out.join(''), err: () => err.join('') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('automl profile', () => {
  it('prints one JSON object with schema, profile and guardrails', async () => {
    const io = capture();
    expect(await run(['--data', join(FIXTURES, 'missing_tokens.csv'), '--json'])).toBe(0);
    const a = JSON.parse(io.out());
    expect(a.schema.map((c: { name: string }) => c.name)).toEqual(['age', 'income', 'city', 'y']);
    expect(a.profile.rows).toBe(60);
    expect(a.guardrails.find((g: { name: string }) => g.name === 'Missing feature values imputation').status).toBe(
      'fixed',
    );
  });

  it('prints a table by default and honours --target', async () => {
    const io = capture();
    expect(await run(['--data', join(FIXTURES, 'basic_comma_lf.csv'), '--target', 'city'])).toBe(0);
    expect(io.out()).toContain('target: city (config), task multiclass');
    expect(io.out()).toMatch(/^income +float +0 +60 /m);
    expect(io.out()).toContain('[passed] Target leakage detection');
  });

  it('reports a bad file as one line on stderr with a non-zero exit', async () => {
    const io = capture();
    expect(await run(['--data', join(FIXTURES, 'ragged_many.csv')])).toBe(1);
    expect(io.err()).toMatch(
      /^automl profile: ragged_rows: 25 of 100 rows .*\(row 2: expected 3 fields, found 2\) Hint: .*\n$/,
    );
    expect(io.err().split('\n')).toHaveLength(2);
    expect(io.out()).toBe('');
  });

  it('requires --data', async () => {
    const io = capture();
    expect(await run([])).toBe(2);
    expect(io.err()).toContain('--data is required');
  });
});
