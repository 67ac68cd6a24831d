import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RegisteredFunction, triggerOf } from '../capture';
import type { HostLog } from '../hostLog';
import type { Invoker } from '../invoker';
import { type AuthLevel, authLevelOf, isAuthorized } from './auth';
import { HostHttpRequest } from './hostHttpRequest';
import { PayloadTooLarge, readBody } from './httpBody';
import { writeResponse } from './httpResponse';
import { NativeRequest } from './nativeRequest';
import { Router } from './router';

export interface HttpHostOptions {
  readonly functions: readonly RegisteredFunction[];
  readonly invoker: Invoker;
  readonly routePrefix: string;
  readonly functionKey: string;
  /** Largest accepted request body; bigger ones answer 413. */
  readonly maxBodyBytes: number;
  readonly log: HostLog;
}

interface HttpRoute {
  readonly fn: RegisteredFunction;
  readonly authLevel: AuthLevel;
}

export interface HttpHost {
  readonly server: Server;
  /** Routes as "METHODS /path" lines, for the start banner. */
  readonly routes: readonly string[];
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

/** The HTTP front of the host: route table, keys, body limit, then the function's own handler. */
export function createHttpHost(options: HttpHostOptions): HttpHost {
  const router = new Router<HttpRoute>();
  const routes: string[] = [];
  const prefix = options.routePrefix === '' ? '' : `/${options.routePrefix.toLowerCase()}`;
  for (const fn of options.functions) {
    const trigger = triggerOf(fn);
    const template = typeof trigger['route'] === 'string' ? trigger['route'] : fn.name;
    const methods = Array.isArray(trigger['methods']) ? (trigger['methods'] as string[]) : ['GET', 'POST'];
    router.add(template, methods, { fn, authLevel: authLevelOf(trigger['authLevel']) });
    routes.push(`${fn.name}: [${methods.join(',')}] ${prefix}/${template}`);
  }
  const notFound = (res: ServerResponse, method: string, pathname: string): void =>
    json(res, 404, { code: 'not_found', message: `No function answers ${method} ${pathname}` });
  const tooLarge = (res: ServerResponse): void => {
    // The rest of an oversized upload is not worth reading: close instead of draining it.
    res.setHeader('connection', 'close');
    json(res, 413, { code: 'payload_too_large', message: `The request body exceeds ${options.maxBodyBytes} bytes` });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (prefix !== '') {
      const head = pathname.startsWith(prefix) || pathname.slice(0, prefix.length).toLowerCase() === prefix;
      const next = pathname.charCodeAt(prefix.length);
      if (!head || (pathname.length > prefix.length && next !== 47) /* / */) {
        return notFound(res, method, pathname);
      }
    }
    const found = router.match(method, pathname.slice(prefix.length));
    if (found.kind === 'notFound') return notFound(res, method, pathname);
    if (found.kind === 'methodNotAllowed') {
      const allow = found.allow.join(', ');
      return json(
        res,
        405,
        { code: 'method_not_allowed', message: `${method} is not allowed here; use ${allow}` },
        {
          allow,
        },
      );
    }
    const { target, params } = found.match;
    const header = req.headers['x-functions-key'];
    const code = () => (q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get('code'));
    if (!isAuthorized(target.authLevel, options.functionKey, typeof header === 'string' ? header : undefined, code)) {
      // An unwanted upload is not worth reading: close instead of draining it.
      if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) {
        res.setHeader('connection', 'close');
      }
      return json(res, 401, {
        code: 'unauthorized',
        message: 'This function needs the function key in the x-functions-key header or the code query parameter',
      });
    }
    const body = readBody(req, options.maxBodyBytes);
    if (body.tooLarge()) return tooLarge(res);
    const invocation = options.invoker.begin(target.fn, params);
    // `nativeRequest` is how @azure/functions itself wraps a streamed request (createStreamRequest).
    const nativeRequest = new NativeRequest(
      `http://${req.headers.host ?? '127.0.0.1'}${url}`,
      method,
      req.rawHeaders,
      body,
    );
    try {
      const result = await invocation.run(new HostHttpRequest(nativeRequest, params));
      if (body.tooLarge()) throw new PayloadTooLarge();
      const writing = writeResponse(res, result);
      if (writing !== undefined) await writing;
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
      } else if (body.tooLarge() || err instanceof PayloadTooLarge) {
        tooLarge(res);
      } else {
        options.log('error', `[${target.fn.name}] invocation ${invocation.invocationId} failed: ${describe(err)}`);
        json(res, 500, {
          code: 'function_failed',
          message: `Function "${target.fn.name}" failed; the host log has the details`,
          invocationId: invocation.invocationId,
        });
      }
    } finally {
      nativeRequest.release();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.log('error', `HTTP host: ${describe(err)}`);
      if (!res.headersSent) json(res, 500, { code: 'host_error', message: 'The host failed to answer' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  return {
    server,
    routes,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
