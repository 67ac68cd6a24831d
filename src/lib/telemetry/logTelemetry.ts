import type { Telemetry, TelemetryProperties } from './telemetry';

export type LogSink = (line: string) => void;

/** Structured JSON lines, used whenever Application Insights is not configured (locally, in tests). */
export class LogTelemetry implements Telemetry {
  constructor(private readonly sink: LogSink = (line) => process.stdout.write(`${line}\n`)) {}

  event(name: string, properties?: TelemetryProperties): void {
    this.write({ kind: 'event', name, ...properties });
  }

  metric(name: string, value: number, properties?: TelemetryProperties): void {
    this.write({ kind: 'metric', name, value, ...properties });
  }

  exception(error: unknown, properties?: TelemetryProperties): void {
    const err = error instanceof Error ? error : new Error(String(error));
    const code = (err as { code?: unknown }).code;
    this.write({ kind: 'exception', name: err.name, message: err.message, code, ...properties });
  }

  async flush(): Promise<void> {}

  private write(record: Record<string, unknown>): void {
    this.sink(JSON.stringify({ time: new Date().toISOString(), ...record }));
  }
}
