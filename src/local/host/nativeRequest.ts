import type { ReadableStream } from 'node:stream/web';
import type { RequestBody } from './httpBody';

/**
 * What `HttpRequest` (given `nativeRequest`) reads of a fetch Request, built only as far as the handler
 * asks: most calls read params or a small JSON body, and a full undici Request (headers list, abort signal,
 * body stream) costs more than the rest of the request path. Anything beyond the common reads — `body`,
 * `formData`, `clone` — turns it into a real Request first, so behaviour stays fetch's.
 */
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
    if (this.#headers === undefined) {
      const headers = new Headers();
      for (let i = 0; i + 1 < this.rawHeaders.length; i += 2)
        headers.append(this.rawHeaders[i]!, this.rawHeaders[i + 1]!);
      this.#headers = headers;
    }
    return this.#headers;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#materialize().body as ReadableStream<Uint8Array> | null;
  }

  get bodyUsed(): boolean {
    return this.#real?.bodyUsed ?? this.#used;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#bytes();
    if (bytes === undefined) return this.#materialize().arrayBuffer();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    const bytes = await this.#bytes();
    if (bytes === undefined) return this.#materialize().text();
    // fetch decodes UTF-8 and drops a byte-order mark.
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return bytes.toString('utf8', start);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
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

  /** The whole body when it is small enough to have been read at once; undefined means "stream it". */
  async #bytes(): Promise<Buffer | undefined> {
    if (this.#real !== undefined) return undefined;
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    if (!this.source.buffered) return undefined;
    this.#used = true;
    return (await this.source.read()) ?? Buffer.alloc(0);
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
