import type { ColumnType } from './frame';

export type { ColumnType } from './frame';

/**
 * One column as a dataset version registers it. Scoring reads new files against the training schema,
 * so categorical levels are kept in first-seen order: a code means the same level in both frames.
 */
export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
  /** At least one value was missing (empty, NA, N/A, null, NaN, ?). */
  readonly nullable: boolean;
  /** Why a column was typed as it was when its values disagreed (mixed column → categorical). */
  readonly reason?: string;
  /** Boolean and categorical columns: the levels in first-seen order (absent when too many to keep exactly). */
  readonly levels?: readonly string[];
}

/** Frame storage a column type maps to: numbers (datetimes as epoch ms) or categorical codes. */
export function isNumericType(type: ColumnType): type is 'integer' | 'float' | 'datetime' {
  return type === 'integer' || type === 'float' || type === 'datetime';
}
