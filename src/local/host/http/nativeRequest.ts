import type { ReadableStream } from 'node:stream/web';
import type { RequestBody } from './httpBody';
import { RawHeaders } from './rawHeaders';

const RELEASED = 'The request was released when its response was written';

/**
 * What `HttpRequest` (given `nativeRequest`) reads of a fetch Request, built only as far as the handler
 * asks: most calls read params or a small JSON body, and a full undici Request (headers list, abort signal,
 * body stream) costs more than the rest of the request path. Anything beyond the common reads — `body`,
 * `formData`, `clone` — turns it into a real Request first, so behaviour stays fetch's.
 *
 * Once the response is written the host calls `release()`: later reads of headers or body throw. The library's
 * HttpRequest (now built only for `user` and `clone`, see hostHttpRequest.ts) keeps its native request in
 * WeakMaps, which V8's young-generation collections keep alive: while this held node's request and header
 * strings, each scavenge copied and promoted ~1.5 MB of finished requests (measured with --trace-gc-nvp;
 * ~0.25 MB once released) and paused several times longer.
 */
export class NativeRequest {
  #real: Request | undefined;
  #headers: Headers | undefined;
  #used = false;
  #rawHeaders: readonly string[] | undefined;
  #source: RequestBody | undefined;

  constructor(
    readonly url: string,
    readonly method: string,
    rawHeaders: readonly string[],
    source: RequestBody,
  ) {
    this.#rawHeaders = rawHeaders;
    this.#source = source;
  }

  get headers(): Headers {
    if (this.#real !== undefined) return this.#real.headers;
    if (this.#headers === undefined) {
      if (this.#rawHeaders === undefined) throw new TypeError(RELEASED);
      this.#headers = new RawHeaders(this.#rawHeaders);
    }
    return this.#headers;
  }

  release(): void {
    this.#rawHeaders = undefined;
    this.#source = undefined;
    this.#headers = undefined;
    this.#real = undefined;
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
    const source = this.#source;
    if (source === undefined) return Promise.reject(new TypeError(RELEASED));
    if (!source.buffered) return undefined;
    this.#used = true;
    return source.read();
  }

  #materialize(): Request {
    if (this.#real === undefined) {
      if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
      if (this.#source === undefined) throw new TypeError(RELEASED);
      const body = this.#source.stream();
      this.#real = new Request(this.url, {
        method: this.method,
        headers: this.headers,
        ...(body === undefined ? {} : { body: body as unknown as RequestInit['body'], duplex: 'half' }),
      } as RequestInit);
    }
    return this.#real;
  }
}
