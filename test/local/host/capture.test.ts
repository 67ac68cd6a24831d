import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApp, loadFunctionApp, triggerOf } from '../../../src/local/host/capture';

const fixtures = join(__dirname, 'fixtures');
const files = [join(fixtures, 'httpApp.js'), join(fixtures, 'triggersApp.js')];

describe('loadFunctionApp', () => {
  it('captures every registration with its raw binding metadata', () => {
    const fns = loadFunctionApp(files);
    expect(fns.map((f) => f.name)).toEqual([
      'echo',
      'open',
      'boom',
      'size',
      'shape',
      'headers',
      'onDataset',
      'onTrain',
      'retrain',
    ]);
    const byName = new Map(fns.map((f) => [f.name, f]));

    const echo = byName.get('echo')!;
    expect(triggerOf(echo)).toMatchObject({
      type: 'httpTrigger',
      direction: 'in',
      route: 'echo/{dataset}/{v}',
      methods: ['GET', 'POST'],
      authLevel: 'function',
    });
    expect(echo.metadata.bindings['$return']).toMatchObject({ type: 'http', direction: 'out' });
    expect(typeof echo.handler).toBe('function');
    expect(triggerOf(byName.get('open')!)).toMatchObject({ methods: ['GET'] });

    expect(triggerOf(byName.get('onDataset')!)).toMatchObject({
      type: 'blobTrigger',
      path: 'datasets/{dataset}/{file}',
      connection: 'AzureWebJobsStorage',
    });
    expect(triggerOf(byName.get('onTrain')!)).toMatchObject({
      type: 'serviceBusTrigger',
      queueName: 'automl-train',
      connection: 'ServiceBusConnection',
    });
    expect(triggerOf(byName.get('retrain')!)).toMatchObject({
      type: 'timerTrigger',
      schedule: '%RETRAIN_SCHEDULE%',
      runOnStartup: false,
    });
  });

  it('returns the same registrations when asked again (modules run once per process)', () => {
    const first = loadFunctionApp(files);
    const again = loadFunctionApp(files);
    expect(again.map((f) => f.name)).toEqual(first.map((f) => f.name));
    expect(again[0]!.handler).toBe(first[0]!.handler);
  });

  it('captures lifecycle hooks too', () => {
    const { hooks } = loadApp(files);
    expect(hooks.map((h) => h.name)).toEqual(['appStart']);
  });

  it('hands the captured handler real invocations', async () => {
    const { HttpRequest, InvocationContext } = await import('@azure/functions');
    const open = loadFunctionApp(files).find((f) => f.name === 'open')!;
    const response = (await open.handler(
      new HttpRequest({ method: 'GET', url: 'http://localhost/api/open/ann', params: { name: 'ann' } }),
      new InvocationContext({ functionName: 'open' }),
    )) as { status: number; text(): Promise<string> };
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('hello ann');
  });
});

describe('registrations outside loadFunctionApp', () => {
  it('are ignored (as in test mode) instead of failing the importing module', async () => {
    loadFunctionApp(files);
    const { app } = await import('@azure/functions');
    expect(() => app.http('lateStray', { route: 'stray', handler: () => ({ status: 204 }) })).not.toThrow();
    expect(loadFunctionApp(files).map((f) => f.name)).not.toContain('lateStray');
  });
});
