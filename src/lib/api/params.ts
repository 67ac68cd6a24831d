import type { z } from 'zod';
import { DATASET_NAME, DATASET_NAME_RULE } from '../datasetName';
import { userError } from '../errors';
import { jobIdSchema, runIdSchema, versionTextSchema } from '../idRules';

/** Route parameters are user input: checked, with the rule in the message. */
export function datasetParam(value: string | undefined): string {
  if (value === undefined || !DATASET_NAME.test(value)) {
    throw userError('invalid_dataset', `'${value ?? ''}' is not a dataset name`, {
      details: [{ path: 'dataset', message: DATASET_NAME_RULE }],
    });
  }
  return value;
}

export function versionParam(value: string | undefined, name = 'version'): number {
  return param(versionTextSchema, value, name, 'invalid_version', 'a version number');
}

export function runIdParam(value: string | undefined): string {
  return param(runIdSchema, value, 'runId', 'invalid_run_id', 'a run id');
}

export function jobIdParam(value: string | undefined): string {
  return param(jobIdSchema, value, 'jobId', 'invalid_job_id', 'a batch job id');
}

function param<S extends z.ZodType<unknown, string>>(
  schema: S,
  value: string | undefined,
  name: string,
  code: string,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value ?? '');
  if (!result.success) {
    throw userError(code, `${JSON.stringify(value ?? '')} is not ${what}`, {
      details: [{ path: name, message: result.error.issues[0]?.message ?? what }],
    });
  }
  return result.data;
}
