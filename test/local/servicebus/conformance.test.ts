import { describeConformance } from './conformance';
import { localTarget, realTarget } from './target';

describeConformance(localTarget());

// The same suite against a real namespace when SERVICEBUS_CONFORMANCE_CONNECTION is set (see the broker's README).
const real = realTarget();
if (real) describeConformance(real);
