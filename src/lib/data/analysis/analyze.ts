import type { FieldIssue } from '../../errors';
import type { Task } from '../../task';
import { type ProfileCsvOptions, profileCsv } from '../chunks/profileCsv';
import type { Dialect } from '../csv/dialect';
import type { CsvSource } from '../csv/source';
import type { ColumnSchema } from '../frame/schema';
import type { ColumnProfile } from '../profile/columnProfiler';
import type { DatasetProfile } from '../profile/datasetProfiler';
import { type AutomlConfig, parseAutomlConfig } from './automlConfig';
import { checkGuardrails, type Guardrail } from './guardrails';
import { resolveTarget, type TargetInfo } from './target';

/** Reading options (size limit, progress, chunks and threads) and what decides the target. */
export interface AnalyzeOptions extends ProfileCsvOptions {
  /** The dataset's automl.json: its text or parsed JSON (validated here; a bad one is `invalid_config`). */
  readonly config?: unknown;
  /** Overrides the config's target (the CLI's --target). */
  readonly target?: string;
  /** Fewest labelled rows accepted (default 50). */
  readonly minRows?: number;
}

export interface DatasetAnalysis {
  readonly sha256: string;
  readonly bytes: number;
  readonly dialect: Dialect;
  readonly schema: ColumnSchema[];
  readonly profile: DatasetProfile;
  readonly target: TargetInfo;
  readonly task: Task;
  readonly guardrails: Guardrail[];
  /** Feature columns to leave out of training (constant, ID-like, free text), per the guardrails. */
  readonly drop: string[];
  readonly config: AutomlConfig;
  /** Ragged rows dropped, with the first few as examples. */
  readonly rowsRejected: number;
  readonly rejectedExamples: readonly FieldIssue[];
}

const DEFAULT_MIN_ROWS = 50;

function columnSchema(c: ColumnProfile): ColumnSchema {
  return {
    name: c.name,
    type: c.type,
    nullable: c.missing > 0,
    ...(c.reason === undefined ? {} : { reason: c.reason }),
    ...(c.levels === undefined ? {} : { levels: c.levels }),
  };
}

/**
 * Everything the registry needs from a dropped CSV, in one streaming pass (a large file in chunks on worker
 * threads, see `profileCsv`): content hash, dialect, schema,
 * profile, target and task, and guardrails. Bad files and bad configs throw user errors (`AppError`) whose
 * details say where, and whose hint says how to fix it.
 */
export async function analyzeCsv(source: CsvSource, options: AnalyzeOptions = {}): Promise<DatasetAnalysis> {
  const parsed = parseAutomlConfig(options.config ?? {});
  const config = options.target === undefined ? parsed : { ...parsed, target: options.target };
  const { read, profiler } = await profileCsv(source, options);
  const profile = profiler.finish();
  const target = resolveTarget(profile, config, options.minRows ?? DEFAULT_MIN_ROWS);
  const { guardrails, drop } = checkGuardrails(profile, target, profiler.sample.rows());
  return {
    sha256: read.bytes.sha256,
    bytes: read.bytes.bytes,
    dialect: read.dialect,
    schema: profile.columns.map(columnSchema),
    profile,
    target,
    task: target.task,
    guardrails,
    drop,
    config,
    rowsRejected: read.rejected.count,
    rejectedExamples: read.rejected.examples,
  };
}
