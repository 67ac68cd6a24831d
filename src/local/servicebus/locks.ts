import { newLockToken } from './codec';

interface Lock {
  readonly seq: number;
  until: number;
  timer: NodeJS.Timeout;
}

/**
 * Peek-lock bookkeeping for one queue: token → message, with an expiry timer per lock. Locks live only in
 * memory: after a broker restart every lock is gone and its message is available again.
 */
export class LockTable {
  private readonly locks = new Map<string, Lock>();

  constructor(
    private readonly durationMs: number,
    private readonly onExpire: (seq: number, token: string) => void,
  ) {}

  acquire(seq: number, now: number): { token: string; until: number } {
    const token = newLockToken();
    const until = now + this.durationMs;
    const timer = setTimeout(() => this.expire(token), this.durationMs);
    this.locks.set(token, { seq, until, timer });
    return { token, until };
  }

  /** The locked message's sequence number, or undefined when the lock is unknown or expired. */
  holder(token: string): number | undefined {
    return this.locks.get(token)?.seq;
  }

  until(token: string): number | undefined {
    return this.locks.get(token)?.until;
  }

  /** Extends the lock by a full lock duration from now; undefined when the lock is already lost. */
  renew(token: string, now: number): number | undefined {
    const lock = this.locks.get(token);
    if (!lock) return undefined;
    clearTimeout(lock.timer);
    lock.until = now + this.durationMs;
    lock.timer = setTimeout(() => this.expire(token), this.durationMs);
    return lock.until;
  }

  release(token: string): number | undefined {
    const lock = this.locks.get(token);
    if (!lock) return undefined;
    clearTimeout(lock.timer);
    this.locks.delete(token);
    return lock.seq;
  }

  clear(): void {
    for (const lock of this.locks.values()) clearTimeout(lock.timer);
    this.locks.clear();
  }

  private expire(token: string): void {
    const lock = this.locks.get(token);
    if (!lock) return;
    this.locks.delete(token);
    this.onExpire(lock.seq, token);
  }
}
