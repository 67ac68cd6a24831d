/** What fetch accepts as a header name (RFC 9110 token); anything else goes to Headers itself, which throws. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A request's headers as a real fetch `Headers`, answering `get` and `has` from node's raw header list until
 * anything else is asked of it, and only then copied in: undici validates and stores every header on the way
 * in, which costs more than the rest of a small request's handling when a handler reads one of them.
 * `get` joins repeated headers with ", " as fetch does; node has already trimmed and checked the values.
 */
type Entries = ReturnType<Headers['entries']>;

/** Headers' methods declared as methods: undici-types declares them as properties, which a subclass cannot override. */
interface HeadersMethods {
  append(name: string, value: string): void;
  delete(name: string): void;
  get(name: string): string | null;
  has(name: string): boolean;
  set(name: string, value: string): void;
  getSetCookie(): string[];
  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void;
  keys(): ReturnType<Headers['keys']>;
  values(): ReturnType<Headers['values']>;
  entries(): Entries;
  [Symbol.iterator](): Entries;
}

const FetchHeaders = Headers as unknown as new () => HeadersMethods;

export class RawHeaders extends FetchHeaders {
  #raw: readonly string[] | undefined;

  constructor(raw: readonly string[]) {
    super();
    this.#raw = raw;
  }

  override get(name: string): string | null {
    const raw = this.#raw;
    if (raw === undefined || !TOKEN.test(name)) {
      this.#fill();
      return super.get(name);
    }
    const key = name.toLowerCase();
    let value: string | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const header = raw[i]!;
      if (header.length !== key.length || header.toLowerCase() !== key) continue;
      value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
    }
    return value;
  }

  override has(name: string): boolean {
    if (this.#raw === undefined || !TOKEN.test(name)) {
      this.#fill();
      return super.has(name);
    }
    return this.get(name) !== null;
  }

  override append(name: string, value: string): void {
    this.#fill();
    super.append(name, value);
  }

  override set(name: string, value: string): void {
    this.#fill();
    super.set(name, value);
  }

  override delete(name: string): void {
    this.#fill();
    super.delete(name);
  }

  override getSetCookie(): string[] {
    this.#fill();
    return super.getSetCookie();
  }

  override forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    this.#fill();
    super.forEach(callback, thisArg);
  }

  override keys(): ReturnType<Headers['keys']> {
    this.#fill();
    return super.keys();
  }

  override values(): ReturnType<Headers['keys']> {
    this.#fill();
    return super.values();
  }

  override entries(): Entries {
    this.#fill();
    return super.entries();
  }

  override [Symbol.iterator](): Entries {
    this.#fill();
    return super[Symbol.iterator]();
  }

  /** Appends every raw header (once); from then on this is plain Headers. */
  #fill(): void {
    const raw = this.#raw;
    if (raw === undefined) return;
    this.#raw = undefined;
    for (let i = 0; i + 1 < raw.length; i += 2) super.append(raw[i]!, raw[i + 1]!);
  }
}
