import { describe, it } from 'vitest';
import { describeConformance } from './conformance';
import { localTarget, realTarget } from './target';

describeConformance(localTarget());

const real = realTarget();
if (real) describeConformance(real);
else describe.skip('Service Bus conformance: real namespace (set SERVICEBUS_CONFORMANCE_CONNECTION)', () => it('runs'));
