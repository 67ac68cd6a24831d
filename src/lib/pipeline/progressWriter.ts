/**
 * Coalesces frequent progress (a trial every few hundred ms) into at most one write in flight: the latest
 * state always wins and nothing blocks the training loop. `flush` waits for the last write.
 */
export class ProgressWriter<T> {
  private pending: T | undefined;
  private writing: Promise<void> | undefined;
  private failure: unknown;

  constructor(private readonly write: (state: T) => Promise<void>) {}

  push(state: T): void {
    this.pending = state;
    this.writing ??= this.drain();
  }

  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
    if (this.failure !== undefined) throw this.failure;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending !== undefined) {
        const state = this.pending;
        this.pending = undefined;
        await this.write(state);
      }
    } catch (err) {
      this.failure = err;
    } finally {
      this.writing = undefined;
    }
  }
}
