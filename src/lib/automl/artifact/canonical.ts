import { createHash } from 'node:crypto';
import { systemError } from '../../errors';

/**
 * Canonical JSON: object keys sorted, no whitespace, typed arrays as plain arrays, absent (undefined) keys left
 * out. JavaScript prints every finite double in its shortest round-tripping form, so equal content always gives
 * equal bytes — the basis of the artifact's sha256 and of byte-identical artifacts for a given seed.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw systemError('artifact_number', `Non-finite number ${value} at ${path}`);
      return JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
        return write(Array.from(value as unknown as ArrayLike<number>), path);
      }
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(',')}]`;
      const withToJson = value as { toJSON?: () => unknown };
      if (typeof withToJson.toJSON === 'function') return write(withToJson.toJSON(), path);
      const entries = Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], `${path}.${k}`)}`);
      return `{${entries.join(',')}}`;
    }
    default:
      throw systemError('artifact_value', `Cannot serialise a ${typeof value} at ${path}`);
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
