import { AppInsightsTelemetry } from './appInsightsTelemetry';
import { LogTelemetry } from './logTelemetry';
import type { Telemetry } from './telemetry';

export type { Telemetry, TelemetryProperties } from './telemetry';

let instance: Telemetry | undefined;

/** The process-wide telemetry: Application Insights when configured, structured logs otherwise. */
export function telemetry(): Telemetry {
  instance ??= createTelemetry(process.env['APPLICATIONINSIGHTS_CONNECTION_STRING']);
  return instance;
}

export function createTelemetry(connectionString: string | undefined): Telemetry {
  return connectionString !== undefined && connectionString.trim() !== ''
    ? new AppInsightsTelemetry(connectionString)
    : new LogTelemetry();
}

/** Tests swap the sink to observe events. */
export function setTelemetry(next: Telemetry | undefined): void {
  instance = next;
}
