import type { AppError } from '../errors';
import type { BlobStore } from '../storage/blobStore';
import { containers } from '../storage/containers';
import type { Telemetry } from '../telemetry';

/** The report kept beside a quarantined file: what is wrong, where, and how to fix it. */
export interface QuarantineReport {
  readonly schema: 'quarantine-report/v1';
  readonly source: string;
  readonly quarantinedAt: string;
  readonly error: { readonly code: string; readonly message: string };
  readonly details: readonly { readonly path: string; readonly message: string }[];
  readonly hint?: string;
}

/**
 * Moves a rejected drop to `quarantine/{same name}` with `{name}.error.json`. Copy and report come first and
 * the source is deleted last, so a crash part-way leaves the file in place and the retry redoes the move.
 */
export async function quarantine(
  store: BlobStore,
  telemetry: Telemetry,
  source: { readonly container: string; readonly name: string },
  err: AppError,
  now: Date,
): Promise<QuarantineReport> {
  const report: QuarantineReport = {
    schema: 'quarantine-report/v1',
    source: `${source.container}/${source.name}`,
    quarantinedAt: now.toISOString(),
    error: { code: err.code, message: err.message },
    details: err.details,
    ...(err.hint === undefined ? {} : { hint: err.hint }),
  };
  if (await store.exists(source.container, source.name)) {
    await store.copy(source.container, source.name, containers.quarantine, source.name);
  }
  await store.writeJson(containers.quarantine, `${source.name}.error.json`, report);
  await store.delete(source.container, source.name);
  telemetry.event('DatasetQuarantined', { source: report.source, code: err.code, message: err.message });
  return report;
}
