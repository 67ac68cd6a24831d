import { DATASET_NAME, DATASET_NAME_RULE } from '../datasetName';
import { userError } from '../errors';

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
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) {
    throw userError('invalid_version', `'${value ?? ''}' is not a version number`, {
      details: [{ path: name, message: 'a positive integer' }],
    });
  }
  return n;
}
