import { HttpRequest, type HttpRequestParams, type HttpRequestUser } from '@azure/functions';
import type { NativeRequest } from './nativeRequest';

/**
 * The `HttpRequest` a handler gets from this host: an instance of the library's class (its prototype) with the
 * same members, answered from the native request directly. The library's constructor keeps its state in
 * WeakMaps (down-levelled private fields); V8's scavenger cannot free a young key's WeakMap entry, so every
 * request it built survived, was promoted and waited for a full mark-compact (measured: scavenges 5-10x
 * longer than without them). The rare members (`user`, `clone`) are the library's own, on a library request
 * built over the same native request when first asked.
 */
export class HostHttpRequest implements HttpRequest {
  readonly query: URLSearchParams;
  readonly params: HttpRequestParams;
  readonly #native: NativeRequest;
  readonly #hasQuery: boolean;
  #library: HttpRequest | undefined;

  constructor(native: NativeRequest, params: HttpRequestParams) {
    this.#native = native;
    this.#hasQuery = native.url.includes('?');
    // As the library reads its init: a query only from the URL, params as given (a fresh object when empty).
    this.query = this.#hasQuery ? new URL(native.url).searchParams : new URLSearchParams();
    this.params = Object.keys(params).length > 0 ? params : {};
  }

  get url(): string {
    return this.#native.url;
  }

  get method(): string {
    return this.#native.method;
  }

  get headers(): Headers {
    return this.#native.headers;
  }

  get user(): HttpRequestUser | null {
    return this.#libraryRequest().user;
  }

  get body(): HttpRequest['body'] {
    return this.#native.body as HttpRequest['body'];
  }

  get bodyUsed(): boolean {
    return this.#native.bodyUsed;
  }

  // The library's readers are async functions: whatever goes wrong arrives as a rejection, never a throw.
  arrayBuffer(): Promise<ArrayBuffer> {
    return settle(() => this.#native.arrayBuffer());
  }

  blob(): Promise<Blob> {
    return settle(() => this.#native.blob());
  }

  formData(): Promise<FormData> {
    return settle(() => this.#native.formData());
  }

  json(): Promise<unknown> {
    return settle(() => this.#native.json());
  }

  text(): Promise<string> {
    return settle(() => this.#native.text());
  }

  clone(): HttpRequest {
    return this.#libraryRequest().clone();
  }

  #libraryRequest(): HttpRequest {
    // Without a query string, an empty `query` spares the library parsing the whole URL for nothing.
    const init = { nativeRequest: this.#native, params: this.params, ...(this.#hasQuery ? {} : { query: {} }) };
    this.#library ??= new HttpRequest(init as unknown as ConstructorParameters<typeof HttpRequest>[0]);
    return this.#library;
  }
}
Object.setPrototypeOf(HostHttpRequest.prototype, HttpRequest.prototype);

function settle<T>(read: () => Promise<T>): Promise<T> {
  try {
    return read();
  } catch (err) {
    return Promise.reject(err);
  }
}
