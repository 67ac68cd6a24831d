import type { IncomingMessage } from 'node:http';
import { ReadableStream } from 'node:stream/web';

/** Bodies up to this size are read whole (cheaper); bigger or unsized ones reach the handler as a stream. */
const BUFFER_LIMIT = 1 << 20;

export class PayloadTooLarge extends Error {}

export interface RequestBody {
  /** True once the declared or received size passed the limit: the answer is 413 whatever the handler did. */
  tooLarge(): boolean;
  /** The `body` part of a fetch RequestInit. */
  init(): Promise<{ body?: Buffer | ReadableStream<Uint8Array>; duplex?: 'half' }>;
}

const NO_BODY = { tooLarge: () => false, init: async () => ({}) };

/** Reads a request body lazily and never holds more than `maxBytes` of it. */
export function readBody(req: IncomingMessage, maxBytes: number): RequestBody {
  if (req.method === 'GET' || req.method === 'HEAD') return NO_BODY;
  const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
  if (declared === 0) return NO_BODY;
  let exceeded = declared !== undefined && declared > maxBytes;
  let received = 0;
  const accept = (chunk: Buffer): boolean => {
    received += chunk.length;
    if (received > maxBytes) exceeded = true;
    return !exceeded;
  };
  return {
    tooLarge: () => exceeded,
    async init() {
      if (declared !== undefined && declared <= BUFFER_LIMIT) {
        const chunks: Buffer[] = [];
        for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
        return { body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) };
      }
      const iterator = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await iterator.next();
          if (next.done) controller.close();
          else if (accept(next.value)) controller.enqueue(next.value);
          else controller.error(new PayloadTooLarge(`request body over ${maxBytes} bytes`));
        },
        async cancel() {
          await iterator.return?.();
        },
      });
      return { body, duplex: 'half' };
    },
  };
}
