import { InvocationContext, type InvocationContextInit } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { HostInvocationContext } from '../../../src/local/host/hostInvocationContext';

const init = (
  logs: unknown[][],
): InvocationContextInit & { logHandler: NonNullable<InvocationContextInit['logHandler']> } => ({
  invocationId: 'inv-1',
  functionName: 'score',
  triggerMetadata: { dataset: 'bank' },
  logHandler: (level, ...args) => logs.push([level, ...args]),
  options: { trigger: { type: 'httpTrigger', name: 'req' } as never },
});

describe('HostInvocationContext', () => {
  it('is an InvocationContext built as the library builds one', () => {
    const ours = new HostInvocationContext(init([]));
    const theirs = new InvocationContext(init([]));
    expect(ours).toBeInstanceOf(InvocationContext);
    const fields = (c: InvocationContext) => ({
      invocationId: c.invocationId,
      functionName: c.functionName,
      retryContext: c.retryContext,
      traceContext: c.traceContext,
      triggerMetadata: c.triggerMetadata,
      options: c.options,
    });
    expect(fields(ours)).toEqual(fields(theirs));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    // A member the library adds later must be answered here too, or it would throw on this object.
    const own = Object.getOwnPropertyNames(HostInvocationContext.prototype);
    for (const name of Object.getOwnPropertyNames(InvocationContext.prototype)) expect(own).toContain(name);
  });

  it('logs each method at the level the library uses', () => {
    const ours: unknown[][] = [];
    const theirs: unknown[][] = [];
    for (const [logs, context] of [
      [ours, new HostInvocationContext(init(ours))],
      [theirs, new InvocationContext(init(theirs))],
    ] as const) {
      context.log('a', 1);
      context.trace('b');
      context.debug('c');
      context.info('d');
      context.warn('e');
      context.error('f', { g: 2 });
      expect(logs.length).toBe(6);
    }
    expect(ours).toEqual(theirs);
  });

  it('keeps extra inputs and outputs by binding name or binding object, apart per invocation', () => {
    const a = new HostInvocationContext(init([]));
    const b = new HostInvocationContext(init([]));
    expect(a.extraOutputs.get('out')).toBeUndefined();
    a.extraOutputs.set('out', 1);
    a.extraInputs.set({ name: 'in', type: 'blob' } as never, 'x');
    expect(a.extraOutputs.get({ name: 'out', type: 'queue' } as never)).toBe(1);
    expect(a.extraInputs.get('in')).toBe('x');
    expect([b.extraOutputs.get('out'), b.extraInputs.get('in')]).toEqual([undefined, undefined]);
  });
});
