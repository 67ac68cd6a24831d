import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, waitForPort } from '../../src/local/ports';

/**
 * `npm start` as a separate process (the compiled dist/src/local/start.js), so a test can SIGKILL the host
 * mid-work and start it again on the same state: storage is the test's own Azurite (passed in, it survives),
 * the local Service Bus journal lives in `stateDir`.
 */
export class ChildRuntime {
  private child: ChildProcess | undefined;
  readonly output: string[] = [];

  private constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async create(settings: Record<string, string>, stateDir: string): Promise<ChildRuntime> {
    const [port, serviceBusPort] = await Promise.all([freePort(), freePort()]);
    return new ChildRuntime(port, {
      ...process.env,
      ...settings,
      PORT: String(port),
      SERVICEBUS_PORT: String(serviceBusPort),
      LOCAL_STATE_DIR: stateDir,
      SEED_DEMO: 'false',
      LOCAL_FUNCTION_KEY: 'child-runtime-key',
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  api(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('x-functions-key', 'child-runtime-key');
    return fetch(`${this.baseUrl}/api${path}`, { ...init, headers });
  }

  async start(): Promise<void> {
    const entry = join(__dirname, '../../dist/src/local/start.js');
    const child = spawn(process.execPath, [entry], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => this.output.push(chunk.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    await waitForPort(this.port, 60_000);
  }

  /** The crash: no shutdown hooks, no flush. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
