import type { TelemetryClient } from 'applicationinsights';
import { stringProperties, type Telemetry, type TelemetryProperties } from './telemetry';

/**
 * Application Insights. The SDK is ~290 MB and takes 1–1.7 s to import, so it is required lazily and only
 * when a connection string is set (platform notes). The v3 SDK takes operation ids from OpenTelemetry context,
 * so the run's trace id travels as the `traceId` custom dimension: query `customDimensions.traceId`.
 */
export class AppInsightsTelemetry implements Telemetry {
  private readonly client: TelemetryClient;

  constructor(connectionString: string) {
    const appInsights = require('applicationinsights') as typeof import('applicationinsights');
    appInsights.setup(connectionString).setAutoCollectConsole(false).start();
    this.client = appInsights.defaultClient;
  }

  event(name: string, properties?: TelemetryProperties): void {
    this.client.trackEvent({ name, properties: stringProperties(properties) });
  }

  metric(name: string, value: number, properties?: TelemetryProperties): void {
    this.client.trackMetric({ name, value, properties: stringProperties(properties) });
  }

  exception(error: unknown, properties?: TelemetryProperties): void {
    const exception = error instanceof Error ? error : new Error(String(error));
    this.client.trackException({ exception, properties: stringProperties(properties) });
  }

  flush(): Promise<void> {
    return Promise.resolve(this.client.flush());
  }
}
