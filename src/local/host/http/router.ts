/**
 * HTTP route table compiled once at start: ASP.NET-style templates as Functions accepts them —
 * literals (case-insensitive), `{name}`, `{name?}` (trailing), `{name:constraint}` and `{*rest}` catch-all.
 */
export interface RouteMatch<T> {
  readonly target: T;
  readonly params: Record<string, string>;
}

export type RouteResult<T> =
  | { readonly kind: 'match'; readonly match: RouteMatch<T> }
  | { readonly kind: 'methodNotAllowed'; readonly allow: readonly string[] }
  | { readonly kind: 'notFound' };

type Segment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string; readonly optional: boolean; readonly test?: RegExp }
  | { readonly kind: 'catchAll'; readonly name: string };

interface CompiledRoute<T> {
  readonly segments: readonly Segment[];
  readonly methods: ReadonlySet<string>;
  readonly target: T;
}

const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  alpha: /^[a-z]+$/i,
  bool: /^(true|false)$/i,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  float: /^-?\d+(\.\d+)?$/,
  double: /^-?\d+(\.\d+)?$/,
  decimal: /^-?\d+(\.\d+)?$/,
};

function compileSegment(text: string, template: string): Segment {
  const param = /^\{(\*?)([A-Za-z_][\w]*)(?::([a-z]+))?(\?)?\}$/.exec(text);
  if (param === null) {
    if (text.includes('{') || text.includes('}')) throw new Error(`route "${template}": unsupported segment "${text}"`);
    return { kind: 'literal', text: text.toLowerCase() };
  }
  const [, star, name = '', constraint, optional] = param;
  if (star) return { kind: 'catchAll', name };
  const test = constraint === undefined ? undefined : CONSTRAINTS[constraint];
  if (constraint !== undefined && test === undefined) {
    throw new Error(`route "${template}": unknown constraint "${constraint}"`);
  }
  return { kind: 'param', name, optional: optional === '?', ...(test === undefined ? {} : { test }) };
}

/** How many matched paths the router remembers before it starts over. */
const RECENT_LIMIT = 1024;

export function splitPath(path: string): string[] {
  const parts = path.split('/');
  return parts.filter((p) => p !== '');
}

export class Router<T> {
  readonly #routes: CompiledRoute<T>[] = [];
  /** Templates without parameters answer from one map lookup (most calls in practice). */
  readonly #literal = new Map<string, CompiledRoute<T>[]>();
  /** Paths matched lately (clients repeat them: the same model, the same job), each a copy of its params. */
  readonly #recent = new Map<string, RouteMatch<T>>();

  add(template: string, methods: readonly string[], target: T): void {
    this.#recent.clear();
    const segments = splitPath(template).map((s) => compileSegment(s, template));
    const route: CompiledRoute<T> = { segments, methods: new Set(methods.map((m) => m.toUpperCase())), target };
    if (segments.every((s) => s.kind === 'literal')) {
      const key = segments.map((s) => (s as { text: string }).text).join('/');
      const list = this.#literal.get(key) ?? [];
      list.push(route);
      this.#literal.set(key, list);
    } else {
      this.#routes.push(route);
    }
  }

  /** `path` is the part after the route prefix, without query string, not yet decoded. */
  match(method: string, path: string): RouteResult<T> {
    const key = `${method} ${path}`;
    const recent = this.#recent.get(key);
    if (recent !== undefined) return { kind: 'match', match: { target: recent.target, params: { ...recent.params } } };
    const result = this.#match(method, path);
    if (result.kind === 'match') {
      if (this.#recent.size >= RECENT_LIMIT) this.#recent.clear();
      this.#recent.set(key, { target: result.match.target, params: { ...result.match.params } });
    }
    return result;
  }

  #match(method: string, path: string): RouteResult<T> {
    const parts = splitPath(path);
    const allow: string[] = [];
    const literal = this.#literal.get(parts.join('/').toLowerCase());
    if (literal !== undefined) {
      for (const route of literal) {
        if (route.methods.has(method)) return { kind: 'match', match: { target: route.target, params: {} } };
        allow.push(...route.methods);
      }
    }
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (params === undefined) continue;
      if (route.methods.has(method)) return { kind: 'match', match: { target: route.target, params } };
      allow.push(...route.methods);
    }
    return allow.length > 0 ? { kind: 'methodNotAllowed', allow: [...new Set(allow)] } : { kind: 'notFound' };
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i];
    if (segment.kind === 'catchAll') {
      params[segment.name] = parts.slice(i).map(decode).join('/');
      return params;
    }
    if (part === undefined) {
      if (segment.kind === 'param' && segment.optional) continue;
      return undefined;
    }
    if (segment.kind === 'literal') {
      if (part.toLowerCase() !== segment.text) return undefined;
      continue;
    }
    const value = decode(part);
    if (segment.test !== undefined && !segment.test.test(value)) return undefined;
    params[segment.name] = value;
  }
  return parts.length <= segments.length ? params : undefined;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
