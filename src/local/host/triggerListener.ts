/** A trigger source the host runs (HTTP server, blob poller, bus receivers, timers). */
export interface TriggerListener {
  stop(): Promise<void>;
}
