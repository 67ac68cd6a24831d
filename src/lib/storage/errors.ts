import { AppError } from '../errors';

/** A conditional create found the blob already there (another writer won). */
export class BlobConflictError extends AppError {
  constructor(container: string, name: string, cause?: unknown) {
    super('blob_conflict', `${container}/${name} already exists`, {
      userFixable: false,
      retryable: false,
      status: 409,
      cause,
    });
  }
}

/** An `ifMatch` update lost a race: the document changed since it was read. */
export class BlobPreconditionError extends AppError {
  constructor(container: string, name: string, cause?: unknown) {
    super('blob_precondition_failed', `${container}/${name} changed since it was read`, {
      userFixable: false,
      retryable: true,
      status: 412,
      cause,
    });
  }
}

export class BlobNotFoundError extends AppError {
  constructor(container: string, name: string, cause?: unknown) {
    super('blob_not_found', `${container}/${name} does not exist`, {
      userFixable: false,
      retryable: false,
      status: 404,
      cause,
    });
  }
}

/** Maps a storage SDK RestError to our typed errors; anything else is a transient dependency failure. */
export function storageError(err: unknown, container: string, name: string): AppError {
  const status = (err as { statusCode?: number }).statusCode;
  const code = (err as { code?: string }).code;
  if (status === 409 && code === 'BlobAlreadyExists') return new BlobConflictError(container, name, err);
  if (status === 409 && code === 'ContainerAlreadyExists') return new BlobConflictError(container, '', err);
  if (status === 412 || code === 'ConditionNotMet') return new BlobPreconditionError(container, name, err);
  if (status === 404) return new BlobNotFoundError(container, name, err);
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new AppError('storage_unavailable', `storage call on ${container}/${name} failed: ${message}`, {
    userFixable: false,
    retryable: true,
    status: 503,
    cause: err,
  });
}
