import {
  type EffectiveFunctionOptions,
  type FunctionInput,
  type FunctionOutput,
  InvocationContext,
  type InvocationContextInit,
  type LogHandler,
  type RetryContext,
  type TraceContext,
  type TriggerMetadata,
} from '@azure/functions';

/**
 * The `InvocationContext` a handler gets from this host: an instance of the library's class (its prototype)
 * built as its constructor builds one, with the log handler and extra bindings in real private fields. The
 * library keeps them in WeakMaps (down-levelled private fields), three entries per invocation that V8's
 * scavenger cannot free while their keys are young: each context survived, was promoted and waited for a
 * full mark-compact.
 */
export class HostInvocationContext implements InvocationContext {
  invocationId: string;
  functionName: string;
  extraInputs: InvocationContext['extraInputs'] = new ExtraBindings();
  extraOutputs: InvocationContext['extraOutputs'] = new ExtraBindings();
  retryContext?: RetryContext;
  traceContext?: TraceContext;
  triggerMetadata?: TriggerMetadata;
  options: EffectiveFunctionOptions;
  readonly #logHandler: LogHandler;

  /** The host always logs through its own handler (the library falls back to the console). */
  constructor(init: InvocationContextInit & { readonly logHandler: LogHandler }) {
    this.invocationId = init.invocationId || 'unknown';
    this.functionName = init.functionName || 'unknown';
    this.retryContext = init.retryContext;
    this.traceContext = init.traceContext;
    this.triggerMetadata = init.triggerMetadata;
    this.options = {
      trigger: init.options?.trigger || { name: 'unknown', type: 'unknown' },
      return: init.options?.return,
      extraInputs: init.options?.extraInputs || [],
      extraOutputs: init.options?.extraOutputs || [],
    };
    this.#logHandler = init.logHandler;
  }

  log(...args: unknown[]): void {
    this.#logHandler('information', ...args);
  }

  trace(...args: unknown[]): void {
    this.#logHandler('trace', ...args);
  }

  debug(...args: unknown[]): void {
    this.#logHandler('debug', ...args);
  }

  info(...args: unknown[]): void {
    this.#logHandler('information', ...args);
  }

  warn(...args: unknown[]): void {
    this.#logHandler('warning', ...args);
  }

  error(...args: unknown[]): void {
    this.#logHandler('error', ...args);
  }
}
Object.setPrototypeOf(HostInvocationContext.prototype, InvocationContext.prototype);

const NO_VALUES: Record<string, unknown> = Object.freeze({});

/** extraInputs / extraOutputs: values by binding name (or a binding object's name), as the library keeps them. */
class ExtraBindings {
  /** Made on the first set: most invocations have no extra bindings. */
  #values: Record<string, unknown> | undefined;

  get(binding: string | FunctionInput | FunctionOutput): unknown {
    return (this.#values ?? NO_VALUES)[typeof binding === 'string' ? binding : binding.name];
  }

  set(binding: string | FunctionInput | FunctionOutput, value: unknown): void {
    this.#values ??= {};
    this.#values[typeof binding === 'string' ? binding : binding.name] = value;
  }
}
