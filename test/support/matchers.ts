import { AppError } from '../../src/lib/errors';

/** Predicate for `toSatisfy`: an AppError with the given code. */
export function isAppErrorWithCode(code: string): (err: unknown) => boolean {
  return (err) => err instanceof AppError && err.code === code;
}
