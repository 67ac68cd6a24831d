import { loadQueueConfig } from './config';
import { defaultConfigPath, startLocalServiceBus } from './index';

/**
 * `npm run servicebus`: the local Service Bus on its own. Env: SERVICEBUS_PORT (default 5672, 0 = free port),
 * SERVICEBUS_DATA (default .local/servicebus), SERVICEBUS_CONFIG (default servicebus.config.json).
 */
async function main(): Promise<void> {
  const port = Number(process.env['SERVICEBUS_PORT'] ?? 5672);
  const dataDir = process.env['SERVICEBUS_DATA'] ?? '.local/servicebus';
  const queues = loadQueueConfig(process.env['SERVICEBUS_CONFIG'] ?? defaultConfigPath());
  const bus = await startLocalServiceBus({ port, dataDir, queues });
  // Parents (tests, npm start) read this line to learn the port.
  console.log(`servicebus listening on port ${bus.port} (${queues.map((q) => q.name).join(', ')}); data in ${dataDir}`);
  console.log(bus.connectionString);
  const stop = (): void => {
    bus.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
