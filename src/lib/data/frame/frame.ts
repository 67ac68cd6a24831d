/**
 * Columnar in-memory table produced by the data layer (CSV → typed columns) and consumed by the
 * featurizer. Missing values: NaN in numeric columns, -1 in categorical codes.
 */
export type ColumnType = 'integer' | 'float' | 'boolean' | 'categorical' | 'text' | 'datetime';

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  /** Inferred type: integer, float, or datetime (epoch milliseconds). */
  readonly type: 'integer' | 'float' | 'datetime';
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** Inferred type: boolean, categorical or text. */
  readonly type: 'boolean' | 'categorical' | 'text';
  readonly codes: Int32Array;
  /** Distinct values in first-seen order; `codes[i]` indexes this list. */
  readonly levels: readonly string[];
}

export type FrameColumn = NumericColumn | CategoricalColumn;

export interface Frame {
  readonly rowCount: number;
  readonly columns: readonly FrameColumn[];
}

export function column(frame: Frame, name: string): FrameColumn | undefined {
  return frame.columns.find((c) => c.name === name);
}
