import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { modelRowSchema } from '../../../src/lib/openapi/rowSchema';

describe('modelRowSchema', () => {
  it('has a property for columns named like Object.prototype members', () => {
    const names = ['__proto__', 'constructor', 'toString'];
    const schema = modelRowSchema(names.map((name) => ({ name, type: 'categorical', nullable: false })));
    const json = z.toJSONSchema(schema) as { required: string[]; properties: Record<string, unknown> };
    expect(json.required).toEqual(names);
    expect(Object.keys(json.properties)).toEqual(names);
  });
});
