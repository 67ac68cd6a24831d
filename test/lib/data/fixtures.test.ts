import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCsv } from '../../../src/lib/data/analysis/analyze';
import { isAppError } from '../../../src/lib/errors';

/** test/fixtures/data/manifest.json: each tricky or malformed file with the outcome it must get. */
interface FixtureCase {
  readonly file: string;
  readonly note: string;
  readonly options?: { config?: unknown; sizeLimitBytes?: number };
  readonly expect:
    | { error: string; path?: string }
    | {
        delimiter: string;
        quote: string;
        header: boolean;
        columns: Record<string, string>;
        nullable: string[];
        mixed: string[];
        rows: number;
        rejected: number;
        duplicateRows: number;
        target: string;
        task: string;
        guardrails: Record<string, string>;
        drop: string[];
      };
}

const DIR = join(__dirname, '../../fixtures/data');
const cases = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as FixtureCase[];

describe('fixture corpus', () => {
  it('holds at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases.map((c) => [`${c.file}${c.options ? ` ${JSON.stringify(c.options)}` : ''}: ${c.note}`, c] as const))(
    '%s',
    async (_, c) => {
      const outcome = await analyzeCsv(join(DIR, c.file), c.options ?? {}).catch((e: unknown) => e);
      const want = c.expect;
      if ('error' in want) {
        expect(isAppError(outcome), String(outcome)).toBe(true);
        if (!isAppError(outcome)) return;
        expect(outcome.code).toBe(want.error);
        expect(outcome.userFixable).toBe(true);
        expect(outcome.hint).toBeTruthy();
        if (want.path !== undefined) expect(outcome.details[0]?.path).toBe(want.path);
        return;
      }
      if (outcome instanceof Error) throw outcome;
      const a = outcome as Awaited<ReturnType<typeof analyzeCsv>>;
      expect({
        delimiter: a.dialect.delimiter,
        quote: a.dialect.quote,
        header: a.dialect.header,
        columns: Object.fromEntries(a.schema.map((s) => [s.name, s.type])),
        nullable: a.schema.filter((s) => s.nullable).map((s) => s.name),
        mixed: a.schema.filter((s) => s.reason?.startsWith('mixed')).map((s) => s.name),
        rows: a.profile.rows,
        rejected: a.rowsRejected,
        duplicateRows: a.profile.duplicateRows,
        target: a.target.name,
        task: a.task,
        guardrails: Object.fromEntries(
          a.guardrails.filter((g) => g.status !== 'passed').map((g) => [g.name, g.status]),
        ),
        drop: a.drop,
      }).toEqual(want);
    },
  );
});
