/**
 * The one telemetry API every stage uses. Properties carry the run id and trace id so that, in
 * Application Insights, a whole pipeline run is one operation.
 */
export type TelemetryValue = string | number | boolean | undefined;

export interface TelemetryProperties {
  readonly runId?: string;
  readonly traceId?: string;
  readonly dataset?: string;
  readonly [key: string]: TelemetryValue;
}

export interface Telemetry {
  event(name: string, properties?: TelemetryProperties): void;
  metric(name: string, value: number, properties?: TelemetryProperties): void;
  exception(error: unknown, properties?: TelemetryProperties): void;
  flush(): Promise<void>;
}

/** Drops undefined values; App Insights custom dimensions are strings. */
export function stringProperties(properties: TelemetryProperties | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties ?? {})) if (value !== undefined) out[key] = String(value);
  return out;
}
