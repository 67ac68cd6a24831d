import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASET, deployQuickBank, KEY, ROOT, useScoringHost } from '../lib/scoring/scoringHost';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `test/e2e/docs.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run installs it)`,
  );
}

describe('GET /api/openapi.json and /api/docs', () => {
  const s = useScoringHost(deployQuickBank);

  /** The keyed per-model document's example payload. */
  const keyedExample = async () => {
    const res = await fetch(`${s.host.baseUrl}/api/models/${DATASET}/openapi.json`, {
      headers: { 'x-functions-key': KEY },
    });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, { post: { requestBody: unknown } }> };
    const op = doc.paths[`/models/${DATASET}/score`]?.post as {
      requestBody: { content: { 'application/json': { example: { data: Record<string, unknown>[] } } } };
    };
    return op.requestBody.content['application/json'].example;
  };

  it('serves the OpenAPI document anonymously, naming the deployed model without training values', async () => {
    const res = await fetch(`${s.host.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const doc = JSON.parse(text) as { paths: Record<string, unknown> };
    expect(doc.paths).toHaveProperty([`/models/${DATASET}/score`]);
    expect(text).not.toContain('technician');
    expect(text).not.toContain('"example"');
  });

  it('serves the per-model document with an example row only with the key', async () => {
    expect((await fetch(`${s.host.baseUrl}/api/models/${DATASET}/openapi.json`)).status).toBe(401);
    const example = await keyedExample();
    expect(example.data[0]).toMatchObject({ age: 57, job: 'technician' });
    expect(example.data[0]).not.toHaveProperty('y');
    // The example is a valid payload.
    const scored = await s.call(`/api/models/${DATASET}/score`, example);
    expect(scored.status).toBe(200);
  });

  it('serves Swagger UI and its assets anonymously, and 404 for other files', async () => {
    const page = await fetch(`${s.host.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/api/openapi.json');
    const css = await fetch(`${s.host.baseUrl}/api/docs/swagger-ui.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await fetch(`${s.host.baseUrl}/api/docs/../package.json`)).status).toBe(404);
    expect((await fetch(`${s.host.baseUrl}/api/docs/index.js`)).status).toBe(404);
  });

  it.skipIf(!hasChromium)(
    'renders the spec in headless Chromium, lists the score operation and tries it with the key',
    async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
        const external: string[] = [];
        page.on('request', (r) => {
          if (!r.url().startsWith(s.host.baseUrl)) external.push(r.url());
        });
        await page.goto(`${s.host.baseUrl}/api/docs`);
        await page.locator('.info .title').filter({ hasText: 'automl-functions' }).waitFor({ timeout: 20_000 });
        const operation = page.locator(`.opblock-summary-path[data-path="/models/${DATASET}/score"]`);
        await operation.waitFor({ timeout: 20_000 });
        expect(await page.locator('.opblock-summary-path[data-path="/models/{dataset}/score"]').count()).toBe(1);
        expect(await page.locator('button.authorize').count()).toBe(1);
        // Try the score call as a user would: authorize with the key, then execute the example.
        await page.locator('button.authorize').click();
        await page.locator('.auth-container input[type=text], .auth-container input[type=password]').first().fill(KEY);
        await page.locator('.auth-container button.authorize').first().click();
        await page.locator('.modal-ux button.close-modal').click();
        await operation.click();
        await page.locator('button.try-out__btn').click();
        // The anonymous document has no example rows: paste the keyed document's, as a user would.
        await page.locator('textarea.body-param__text').fill(JSON.stringify(await keyedExample()));
        await page.locator('button.execute').click();
        const status = page.locator('.live-responses-table tbody .response-col_status').first();
        await status.waitFor({ timeout: 20_000 });
        expect((await status.textContent())?.trim()).toBe('200');
        expect(await page.locator('.live-responses-table .microlight').first().textContent()).toContain('"Results"');
        mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
        await page.screenshot({ path: join(ROOT, 'test-artifacts', 'docs.png'), fullPage: true });
        expect(external).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
