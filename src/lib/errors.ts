/**
 * Errors classify themselves: whether the user can fix the cause (bad input, bad config) and whether
 * retrying the same work could succeed (a dependency was down). Edges map them to HTTP status codes,
 * quarantine reports or dead-letter decisions without guessing from messages.
 */
export interface FieldIssue {
  /** Where: a JSON path, a column name, `row 12 / column age`, … */
  readonly path: string;
  readonly message: string;
}

export interface AppErrorOptions {
  readonly userFixable: boolean;
  readonly retryable: boolean;
  readonly status?: number;
  readonly details?: readonly FieldIssue[];
  readonly hint?: string;
  readonly cause?: unknown;
}

export class AppError extends Error {
  readonly userFixable: boolean;
  readonly retryable: boolean;
  readonly status: number;
  readonly details: readonly FieldIssue[];
  readonly hint: string | undefined;

  constructor(
    readonly code: string,
    message: string,
    options: AppErrorOptions,
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.userFixable = options.userFixable;
    this.retryable = options.retryable;
    this.status = options.status ?? (options.userFixable ? 400 : 500);
    this.details = options.details ?? [];
    this.hint = options.hint;
  }

  toJSON(): { code: string; message: string; details: readonly FieldIssue[]; hint?: string } {
    return {
      code: this.code,
      message: this.message,
      details: this.details,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
    };
  }
}

/** Input the user sent or stored is wrong; retrying the same input cannot help. */
export function userError(
  code: string,
  message: string,
  extra: { status?: number; details?: readonly FieldIssue[]; hint?: string; cause?: unknown } = {},
): AppError {
  return new AppError(code, message, { ...extra, userFixable: true, retryable: false });
}

/** A dependency failed or was busy; the same work may succeed later. */
/** A named thing (dataset, model version, run, job) that does not exist: a 404 the user can act on. */
export function notFound(what: string, hint?: string): never {
  throw userError('not_found', `${what} was not found`, { status: 404, ...(hint === undefined ? {} : { hint }) });
}

export function transientError(code: string, message: string, cause?: unknown): AppError {
  return new AppError(code, message, { userFixable: false, retryable: true, status: 503, cause });
}

/** Our own bug or corrupt state: neither the user nor a retry can fix it. */
export function systemError(code: string, message: string, cause?: unknown): AppError {
  return new AppError(code, message, { userFixable: false, retryable: false, status: 500, cause });
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Unknown errors are treated as retryable system faults: at-least-once delivery gives them another chance. */
export function classify(err: unknown): { userFixable: boolean; retryable: boolean } {
  if (isAppError(err)) return { userFixable: err.userFixable, retryable: err.retryable };
  return { userFixable: false, retryable: true };
}
