import { z } from 'zod';
import type { ScoringColumn } from '../scoring/scoringColumn';

/**
 * A deployed model's row as a zod schema, for its OpenAPI document: the same column facts the compiled row
 * validator enforces (types, nullability; unknown columns refused).
 */
export function modelRowSchema(columns: readonly ScoringColumn[]): z.ZodType {
  // fromEntries defines own keys, so a column named `__proto__` is a property, not the shape's prototype.
  return z.strictObject(
    Object.fromEntries(
      columns.map((c) => {
        const base = columnSchema(c);
        return [c.name, c.nullable ? base.nullable() : base];
      }),
    ),
  );
}

function columnSchema(c: ScoringColumn): z.ZodType {
  switch (c.type) {
    case 'integer':
      return z.int();
    case 'float':
      return z.number();
    case 'boolean':
      return z.union([z.boolean(), z.string()]);
    case 'datetime':
      return z.string().meta({ format: 'date-time' });
    case 'categorical':
    case 'text': {
      const known = c.categories === undefined ? '' : `Known values: ${c.categories.join(', ')}. `;
      return z.string().meta({ description: `${known}Other values are scored as unknown.` });
    }
  }
}
