import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { services } from '../lib/app/services';
import { checkHealth, configurationDown, type HealthReport, serviceBusProbe, storageProbe } from '../lib/health/checks';
import { json } from '../lib/http/responses';

export async function health(_request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> {
  let report: HealthReport;
  try {
    const { store, serviceBus } = services();
    report = await checkHealth({ storage: storageProbe(store), serviceBus: serviceBusProbe(serviceBus) });
  } catch (err) {
    report = configurationDown(err);
  }
  return json(report.status === 'healthy' ? 200 : 503, report, { 'cache-control': 'no-store' });
}

app.http('health', { route: 'health', methods: ['GET'], authLevel: 'anonymous', handler: health });
