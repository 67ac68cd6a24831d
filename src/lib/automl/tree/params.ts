/**
 * Reading hyperparameters for the tree learners: every value is checked against its allowed range so a
 * bad configuration fails as a user error instead of growing a nonsense model.
 */
import { userError } from '../../errors';
import type { Params } from '../types';

export function numberParam(params: Params, name: string, fallback: number, low: number, high: number): number {
  const v = params[name] ?? fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || v < low || v > high) {
    throw userError('invalid_params', `Parameter ${name} must be a number in [${low}, ${high}], got ${String(v)}`);
  }
  return v;
}

export function intParam(params: Params, name: string, fallback: number, low: number, high: number): number {
  return Math.round(numberParam(params, name, fallback, low, high));
}

export function choiceParam<T extends string>(params: Params, name: string, fallback: T, values: readonly T[]): T {
  const v = params[name] ?? fallback;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw userError('invalid_params', `Parameter ${name} must be one of ${values.join(', ')}, got ${String(v)}`);
  }
  return v as T;
}
