import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Swagger UI files the docs page loads, served from swagger-ui-dist (no CDN), with their types. A Map: the
 * name comes from the URL, and a plain object would answer `constructor` or `__proto__` from its prototype.
 */
const ASSETS: ReadonlyMap<string, string> = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'application/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'application/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
  ['favicon-16x16.png', 'image/png'],
]);

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

const loaded = new Map<string, StaticFile>();

/** One asset by file name (read once per instance); undefined for any name not in the list. */
export function swaggerAsset(name: string): StaticFile | undefined {
  const contentType = ASSETS.get(name);
  if (contentType === undefined) return undefined;
  let file = loaded.get(name);
  if (file === undefined) {
    const dir = dirname(require.resolve('swagger-ui-dist/package.json'));
    file = { body: readFileSync(join(dir, name)), contentType };
    loaded.set(name, file);
  }
  return file;
}

/**
 * The docs page: Swagger UI on `specUrl`, assets under `assetBase`. "Try it out" sends the key from the
 * Authorize dialog (x-functions-key header or code query parameter).
 */
export function docsPage(specUrl: string, assetBase: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>automl-functions API</title>
<link rel="stylesheet" href="${assetBase}/swagger-ui.css">
<link rel="icon" type="image/png" href="${assetBase}/favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${assetBase}/swagger-ui-bundle.js"></script>
<script src="${assetBase}/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(specUrl)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
</script>
</body>
</html>
`;
}
