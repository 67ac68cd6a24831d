import type { ReadableStream } from 'node:stream/web';
import type { RequestBody } from './httpBody';
import { RawHeaders } from './rawHeaders';

/**
 * What `HttpRequest` (given `nativeRequest`) reads of a fetch Request, built only as far as the handler
 * asks: most calls read params or a small JSON body, and a full undici Request (headers list, abort signal,
 * body stream) costs more than the rest of the request path. Anything beyond the common reads — `body`,
 * `formData`, `clone` — turns it into a real Request first, so behaviour stays fetch's.
 */
const EMPTY = Buffer.alloc(0);

export class NativeRequest {
  #real: Request | undefined;
  #headers: Headers | undefined;
  #used = false;

  constructor(
    readonly url: string,
    readonly method: string,
    private readonly rawHeaders: readonly string[],
    private readonly source: RequestBody,
  ) {}

  get headers(): Headers {
    if (this.#real !== undefined) return this.#real.headers;
    this.#headers ??= new RawHeaders(this.rawHeaders);
    return this.#headers;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#materialize().body as ReadableStream<Uint8Array> | null;
  }

  get bodyUsed(): boolean {
    return this.#real?.bodyUsed ?? this.#used;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#bytes();
    if (bytes === undefined) return this.#materialize().arrayBuffer();
    return bytes.then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  }

  text(): Promise<string> {
    const bytes = this.#bytes();
    if (bytes === undefined) return this.#materialize().text();
    // fetch decodes UTF-8 and drops a byte-order mark.
    return bytes.then((b) => b.toString('utf8', b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0));
  }

  json(): Promise<unknown> {
    return this.text().then(JSON.parse);
  }

  blob(): Promise<Blob> {
    return this.#materialize().blob();
  }

  formData(): Promise<FormData> {
    return this.#materialize().formData();
  }

  clone(): Request {
    return this.#materialize().clone();
  }

  /**
   * The whole body when it is small enough to have been read at once; undefined means "stream it". Plain
   * promises, not async functions: each async layer is a few microtask hops on every call.
   */
  #bytes(): Promise<Buffer> | undefined {
    if (this.#real !== undefined) return undefined;
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    if (!this.source.buffered) return undefined;
    this.#used = true;
    return this.source.read().then((b) => b ?? EMPTY);
  }

  #materialize(): Request {
    if (this.#real === undefined) {
      if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
      const body = this.source.stream();
      this.#real = new Request(this.url, {
        method: this.method,
        headers: this.headers,
        ...(body === undefined ? {} : { body: body as unknown as RequestInit['body'], duplex: 'half' }),
      } as RequestInit);
    }
    return this.#real;
  }
}
