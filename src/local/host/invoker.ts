import { randomUUID } from 'node:crypto';
import type { InvocationContext, LogHandler, TriggerMetadata } from '@azure/functions';
import { type RegisteredFunction, type RegisteredHook, triggerOf } from './capture';
import { HostInvocationContext } from './hostInvocationContext';
import type { HostLog } from './hostLog';

export interface Invocation {
  readonly invocationId: string;
  readonly context: InvocationContext;
  /** Runs the handler (through any pre/post invocation hooks) with the trigger input. */
  run(input: unknown): Promise<unknown>;
}

interface PerFunction {
  readonly trigger: ReturnType<typeof triggerOf>;
  readonly logHandler: LogHandler;
}

/**
 * Calls registered handlers the way the worker does: a fresh InvocationContext per call (the host's, see
 * hostInvocationContext.ts) carrying the invocation id, trigger metadata and the function's binding options,
 * with app-level hooks around it.
 */
export class Invoker {
  readonly #pre: RegisteredHook[];
  readonly #post: RegisteredHook[];
  readonly #appHookData: Record<string, unknown> = {};
  /** Looked up once per function, not per call. */
  readonly #functions = new WeakMap<RegisteredFunction, PerFunction>();

  /** Invocation ids are this host's random UUID with a count in its last 12 hex digits: unique, no crypto per call. */
  readonly #idPrefix = randomUUID().slice(0, 24);
  #idCount = 0;

  constructor(
    readonly hooks: readonly RegisteredHook[],
    private readonly log: HostLog,
  ) {
    this.#pre = hooks.filter((h) => h.name === 'preInvocation');
    this.#post = hooks.filter((h) => h.name === 'postInvocation');
  }

  /** Runs appStart / appTerminate hooks in registration order. */
  async lifecycle(name: 'appStart' | 'appTerminate', functionAppDirectory: string): Promise<void> {
    for (const hook of this.hooks) {
      if (hook.name !== name) continue;
      await hook.callback({ hookData: {}, appHookData: this.#appHookData, functionAppDirectory });
    }
  }

  begin(fn: RegisteredFunction, triggerMetadata: TriggerMetadata): Invocation {
    const invocationId = this.#nextId();
    const { trigger, logHandler } = this.#perFunction(fn);
    const context: InvocationContext = new HostInvocationContext({
      invocationId,
      functionName: fn.name,
      triggerMetadata,
      logHandler,
      options: { trigger: trigger as never },
    });
    const run = (input: unknown): Promise<unknown> =>
      this.#pre.length === 0 && this.#post.length === 0
        ? Promise.resolve(fn.handler(input, context))
        : this.#withHooks(fn, context, input);
    return { invocationId, context, run };
  }

  /** A function's trigger binding and log handler (`[name] message`), made on its first call. */
  #perFunction(fn: RegisteredFunction): PerFunction {
    let known = this.#functions.get(fn);
    if (known === undefined) {
      const prefix = `[${fn.name}] `;
      const logHandler: LogHandler = (level, ...args) => {
        this.log(level, prefix + args.map(String).join(' '));
      };
      known = { trigger: triggerOf(fn), logHandler };
      this.#functions.set(fn, known);
    }
    return known;
  }

  #nextId(): string {
    this.#idCount = (this.#idCount + 1) % 2 ** 48;
    return this.#idPrefix + this.#idCount.toString(16).padStart(12, '0');
  }

  async #withHooks(fn: RegisteredFunction, context: InvocationContext, input: unknown): Promise<unknown> {
    const hookData: Record<string, unknown> = {};
    const pre = { hookData, appHookData: this.#appHookData, invocationContext: context, inputs: [input] } as Record<
      string,
      unknown
    >;
    pre['functionCallback'] = fn.handler;
    for (const hook of this.#pre) await hook.callback(pre);
    const handler = pre['functionCallback'] as RegisteredFunction['handler'];
    const inputs = pre['inputs'] as unknown[];
    const post: Record<string, unknown> = { hookData, appHookData: this.#appHookData, invocationContext: context };
    post['inputs'] = inputs;
    try {
      post['result'] = await handler(...inputs, context);
    } catch (err) {
      post['error'] = err;
    }
    for (const hook of this.#post) await hook.callback(post);
    if (post['error'] !== undefined) throw post['error'];
    return post['result'];
  }
}
