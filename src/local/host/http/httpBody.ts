import type { IncomingMessage } from 'node:http';
import { ReadableStream } from 'node:stream/web';

/** Bodies up to this size are read whole (cheaper); bigger or unsized ones reach the handler as a stream. */
const BUFFER_LIMIT = 1 << 20;

export class PayloadTooLarge extends Error {}

export interface RequestBody {
  /** True when the body is small and declared: `read()` returns it whole. */
  readonly buffered: boolean;
  /** True once the declared or received size passed the limit: the answer is 413 whatever the handler did. */
  tooLarge(): boolean;
  /** The whole body (empty when there is none). Only for buffered bodies. */
  read(): Promise<Buffer>;
  /** The body as a stream that errors past the limit (undefined when there is none). */
  stream(): ReadableStream<Uint8Array> | undefined;
}

const NO_BODY: RequestBody = {
  buffered: true,
  tooLarge: () => false,
  read: () => Promise.resolve(Buffer.alloc(0)),
  stream: () => undefined,
};

/** Reads a request body only when the handler asks, and never holds more than `maxBytes` of it. */
export function readBody(req: IncomingMessage, maxBytes: number): RequestBody {
  if (req.method === 'GET' || req.method === 'HEAD') return NO_BODY;
  const length = req.headers['content-length'];
  const declared = length === undefined ? undefined : Number(length);
  if (declared === 0) return NO_BODY;
  let exceeded = declared !== undefined && declared > maxBytes;
  let received = 0;
  return {
    buffered: declared !== undefined && declared <= BUFFER_LIMIT,
    tooLarge: () => exceeded,
    read: () => readWhole(req, declared),
    stream() {
      const iterator = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await iterator.next();
          if (next.done) return controller.close();
          received += next.value.length;
          if (received > maxBytes) {
            exceeded = true;
            controller.error(new PayloadTooLarge(`request body over ${maxBytes} bytes`));
          } else {
            controller.enqueue(next.value);
          }
        },
        async cancel() {
          await iterator.return?.();
        },
      });
    },
  };
}

/**
 * The whole body. A small request usually arrives in one packet with its headers, so once node has parsed
 * that packet the body is all in the stream's buffer: one read() takes it. Otherwise the stream's events
 * collect it (an async iterator over the request costs more than the rest of a small request's reading);
 * a connection closed before the end rejects, as iterating would.
 */
function readWhole(req: IncomingMessage, declared: number | undefined): Promise<Buffer> {
  if (buffered(req, declared)) return Promise.resolve(take(req));
  // Asked from inside the request event, while node is still parsing the packet: after one microtask it
  // has finished, and a body that came with its headers is all in the buffer.
  return Promise.resolve().then(() => (buffered(req, declared) ? take(req) : collect(req)));
}

function buffered(req: IncomingMessage, declared: number | undefined): boolean {
  return req.readableFlowing === null && req.readableLength === declared;
}

function take(req: IncomingMessage): Buffer {
  const body = req.read() as Buffer;
  // Flowing from here on, the stream still ends (and closes) when node has seen the end of the message.
  req.resume();
  return body;
}

function collect(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('The request was aborted before its body was read'));
    });
  });
}
