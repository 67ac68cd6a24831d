/**
 * A setup error of the local Service Bus (bad config, data directory in use) that the person starting it can fix.
 * Its own class: the broker is a standalone program and imports nothing of the app.
 */
export class BrokerError extends Error {
  override readonly name = 'BrokerError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
