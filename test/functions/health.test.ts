import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { health } from '../../src/functions/health';
import { createServices, setServices } from '../../src/lib/app/services';
import { freePort } from '../../src/local/ports';
import { startLocalServiceBus } from '../../src/local/servicebus';
import { useAzuriteStore } from '../support/azuriteStore';

const azurite = useAzuriteStore();
const request = new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' });
const context = () => new InvocationContext({ functionName: 'health', logHandler: () => {} });

afterEach(async () => {
  await setServices(undefined);
});

describe('GET /api/health', () => {
  it('answers 200 with every component up', async () => {
    const bus = await startLocalServiceBus();
    try {
      await setServices(
        createServices({ AzureWebJobsStorage: azurite.connectionString, ServiceBusConnection: bus.connectionString }),
      );
      const response = await health(request, context());
      expect(response.status).toBe(200);
      expect(response.jsonBody).toMatchObject({
        status: 'healthy',
        components: { storage: { status: 'up' }, serviceBus: { status: 'up' } },
      });
      await setServices(undefined);
    } finally {
      await bus.stop();
    }
  });

  it('answers 503 naming the component that is down', async () => {
    const closed = await freePort();
    await setServices(
      createServices({
        AzureWebJobsStorage: azurite.connectionString,
        ServiceBusConnection: `Endpoint=sb://127.0.0.1:${closed};SharedAccessKeyName=k;SharedAccessKey=k;UseDevelopmentEmulator=true`,
      }),
    );
    const response = await health(request, context());
    expect(response.status).toBe(503);
    const body = response.jsonBody as { components: Record<string, { status: string; error?: string }> };
    expect(body.components['storage']?.status).toBe('up');
    expect(body.components['serviceBus']?.status).toBe('down');
  });

  it('answers 503 when settings are missing, instead of crashing', async () => {
    const saved = { ...process.env };
    delete process.env['AzureWebJobsStorage'];
    delete process.env['AzureWebJobsStorage__accountName'];
    try {
      const response = await health(request, context());
      expect(response.status).toBe(503);
      expect(response.jsonBody).toMatchObject({ components: { configuration: { status: 'down' } } });
    } finally {
      Object.assign(process.env, saved);
    }
  });
});
