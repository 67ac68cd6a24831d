import { z } from 'zod';

/**
 * The rules for the ids that appear in blob paths, routes and queue messages, checked at every edge (URL,
 * message, listing): an id that breaks its rule is refused with the rule, never joined into a path.
 * The ids are made in pipeline/ids.ts (runs) and scoring/batch/jobIds.ts (batch jobs).
 */

/** `{dataset}-v{N}-drop`, `{dataset}-sched-{UTC time}` (uppercase T and Z), `{dataset}-{hex}`. */
export const runIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{7,99}$/, '8–100 letters, digits and dashes, starting with a letter or digit');

/** `{dataset}-drop-{hex}`, `{dataset}-batch-{hex}`. */
export const jobIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{7,99}$/, '8–100 lowercase letters, digits and dashes, starting with a letter or digit');

/** Dataset and model version numbers. */
export const versionSchema = z.number().int().positive().max(999_999_999);

/** A version as a URL spells it: decimal digits only (no `1e0`, `0x1`, ` 1`), read as a number. */
export const versionTextSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'a positive integer')
  .transform(Number);
