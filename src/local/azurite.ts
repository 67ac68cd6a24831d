import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { freePort, waitForPort } from './ports';

/** Azurite's well-known development account; the key is public by design. */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteOptions {
  /** Blob port; 0 or undefined picks a free one. */
  readonly blobPort?: number;
  /** Data folder; undefined keeps everything in memory (tests). */
  readonly location?: string;
}

export interface RunningAzurite {
  readonly blobPort: number;
  readonly connectionString: string;
  stop(): Promise<void>;
}

export function devConnectionString(blobPort: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `BlobEndpoint=http://127.0.0.1:${blobPort}/${DEV_ACCOUNT};`
  );
}

/**
 * Starts Azurite's blob service as a child process straight from node_modules (never through npx, which
 * leaves it running). The child dies with us: stop() on shutdown, and a kill on process exit.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const blobPort = options.blobPort || (await freePort());
  const entry = require.resolve('azurite/dist/src/blob/main.js');
  const args = [entry, '--blobHost', '127.0.0.1', '--blobPort', String(blobPort), '--skipApiVersionCheck'];
  args.push('--disableTelemetry', '--silent', '--loose');
  if (options.location === undefined) args.push('--inMemoryPersistence');
  else {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  try {
    await Promise.race([waitForPort(blobPort, 20_000), exited(child).then(() => Promise.reject(new Error(stderr)))]);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`Azurite did not start on port ${blobPort}: ${(err as Error).message}`);
  }
  return {
    blobPort,
    connectionString: devConnectionString(blobPort),
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}
