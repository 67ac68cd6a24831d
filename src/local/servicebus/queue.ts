import type { Message } from 'rhea';
import { encodeMessage } from './codec';
import type { ResolvedQueueConfig } from './config';
import type { JournalRecord, RecordSink } from './journal';
import { LockTable } from './locks';
import { SeqHeap } from './seqHeap';
import { fromPutRecord, type StoredMessage, toPutRecord } from './storedMessage';

/** The queue itself, or its `$DeadLetterQueue`. */
export type SubQueue = 'active' | 'dead';

export interface Taken {
  readonly message: StoredMessage;
  /** Peek-lock only. */
  readonly lock?: { readonly token: string; readonly until: number };
}

export interface Modification {
  /** Merged into the message's application properties (the SDK's `propertiesToModify`). */
  readonly properties?: Record<string, unknown>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One queue's messages and their lifecycle: enqueue (possibly scheduled), hand out in sequence order,
 * lock, settle, defer, dead-letter, expire. Every state change is appended to the record sink; callers
 * acknowledge clients only after `sink.durable()`.
 */
export class Queue {
  private readonly messages = new Map<number, StoredMessage>();
  private readonly ready: Record<SubQueue, SeqHeap> = { active: new SeqHeap(), dead: new SeqHeap() };
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly locks: LockTable;
  private nextSeq = 1;
  /** Called when a sub-queue may have gained a deliverable message. */
  onReady: (sub: SubQueue) => void = () => {};

  constructor(
    readonly config: ResolvedQueueConfig,
    private readonly sink: RecordSink,
  ) {
    this.locks = new LockTable(config.lockDurationMs, (seq) => this.lockExpired(seq));
  }

  get name(): string {
    return this.config.name;
  }

  /** Rebuilds state from one journal record (before `start`). */
  apply(record: JournalRecord): void {
    switch (record.op) {
      case 'put':
        this.messages.set(record.seq, fromPutRecord(record));
        this.nextSeq = Math.max(this.nextSeq, record.seq + 1);
        break;
      case 'del':
        this.messages.delete(record.seq);
        break;
      case 'count': {
        const m = this.messages.get(record.seq);
        if (m) m.deliveryCount = record.n;
        break;
      }
      case 'seq':
        this.nextSeq = Math.max(this.nextSeq, record.next);
        break;
    }
  }

  /** Makes replayed messages available and arms scheduled-message timers. */
  start(now = Date.now()): void {
    for (const m of this.messages.values()) this.makeAvailable(m, now);
  }

  *snapshot(): Iterable<JournalRecord> {
    yield { op: 'seq', q: this.name, next: this.nextSeq };
    for (const m of this.messages.values()) yield toPutRecord(this.name, m);
  }

  stop(): void {
    this.locks.clear();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  get activeCount(): number {
    return this.messages.size;
  }

  enqueue(message: Message, bytes: Buffer, scheduledAt: number | undefined, now = Date.now()): StoredMessage {
    const enqueuedAt = scheduledAt !== undefined && scheduledAt > now ? scheduledAt : now;
    const ttl = typeof message.ttl === 'number' && message.ttl > 0 ? message.ttl : undefined;
    const limit = this.config.defaultMessageTimeToLiveMs;
    const effectiveTtl = ttl === undefined ? limit : limit === undefined ? ttl : Math.min(ttl, limit);
    const m: StoredMessage = {
      seq: this.nextSeq++,
      message,
      bytes,
      enqueuedAt,
      expiresAt: effectiveTtl === undefined ? undefined : enqueuedAt + effectiveTtl,
      scheduledAt: enqueuedAt > now ? enqueuedAt : undefined,
      deliveryCount: 0,
      deferred: false,
      dead: false,
      lockToken: undefined,
      queued: false,
    };
    this.messages.set(m.seq, m);
    this.sink.append(toPutRecord(this.name, m));
    this.makeAvailable(m, now);
    return m;
  }

  /** Cancels a scheduled message; false when there is no such scheduled message. */
  cancelScheduled(seq: number): boolean {
    const m = this.messages.get(seq);
    if (!m || m.scheduledAt === undefined) return false;
    clearTimeout(this.timers.get(seq));
    this.timers.delete(seq);
    this.remove(m);
    return true;
  }

  /** The next deliverable message of a sub-queue, locked (peek-lock) or removed (receive-and-delete). */
  take(sub: SubQueue, peekLock: boolean, now = Date.now()): Taken | undefined {
    const heap = this.ready[sub];
    for (;;) {
      const seq = heap.pop();
      if (seq === undefined) return undefined;
      const m = this.messages.get(seq);
      if (!m) continue;
      m.queued = false;
      if (!this.isAvailable(m, sub)) continue;
      if (m.expiresAt !== undefined && m.expiresAt <= now) {
        this.expire(m);
        continue;
      }
      return this.hand(m, peekLock, now);
    }
  }

  /** Whether a sub-queue has a message that `take` would consider (possibly an expired one). */
  hasReady(sub: SubQueue): boolean {
    return this.ready[sub].size > 0;
  }

  /** Deferred messages by sequence number; undefined entries were not found as deferred messages. */
  takeDeferred(sub: SubQueue, seqs: readonly number[], peekLock: boolean, now = Date.now()): (Taken | undefined)[] {
    return seqs.map((seq) => {
      const m = this.messages.get(seq);
      if (!m?.deferred || m.dead !== (sub === 'dead') || m.lockToken !== undefined) return undefined;
      return this.hand(m, peekLock, now);
    });
  }

  peek(sub: SubQueue, fromSeq: number, count: number, now = Date.now()): StoredMessage[] {
    const found: StoredMessage[] = [];
    for (const m of this.messages.values()) {
      if (m.seq >= fromSeq && m.dead === (sub === 'dead') && (m.expiresAt === undefined || m.expiresAt > now)) {
        found.push(m);
      }
    }
    return found.sort((a, b) => a.seq - b.seq).slice(0, count);
  }

  /** The message a lock token holds, or undefined when the lock is lost. */
  locked(token: string): StoredMessage | undefined {
    const seq = this.locks.holder(token);
    return seq === undefined ? undefined : this.messages.get(seq);
  }

  lockedUntil(token: string): number | undefined {
    return this.locks.until(token);
  }

  renew(token: string, now = Date.now()): number | undefined {
    return this.locks.renew(token, now);
  }

  complete(token: string): boolean {
    const m = this.unlock(token);
    if (!m) return false;
    this.remove(m);
    return true;
  }

  /** Returns the message with its delivery counted; dead-letters it at the queue's max delivery count. */
  abandon(token: string, change: Modification = {}): boolean {
    const m = this.unlock(token);
    if (!m) return false;
    const modified = this.modify(m, change);
    this.countDelivery(m, modified);
    return true;
  }

  /** Returns the message without counting a delivery (an AMQP `released` outcome). */
  release(token: string): boolean {
    const m = this.unlock(token);
    if (!m) return false;
    this.makeAvailable(m, Date.now());
    return true;
  }

  defer(token: string, change: Modification = {}): boolean {
    const m = this.unlock(token);
    if (!m) return false;
    this.modify(m, change);
    m.deferred = true;
    this.sink.append(toPutRecord(this.name, m));
    return true;
  }

  deadLetter(token: string, reason?: string, description?: string, change: Modification = {}): boolean {
    const m = this.unlock(token);
    if (!m) return false;
    this.modify(m, change);
    this.moveToDead(m, reason, description);
    return true;
  }

  /** Drops or dead-letters expired messages that are not locked (keeps peek and memory honest). */
  sweep(now = Date.now()): void {
    for (const m of this.messages.values()) {
      if (m.lockToken === undefined && m.expiresAt !== undefined && m.expiresAt <= now && !m.dead) this.expire(m);
    }
  }

  private isAvailable(m: StoredMessage, sub: SubQueue): boolean {
    return m.lockToken === undefined && !m.deferred && m.scheduledAt === undefined && m.dead === (sub === 'dead');
  }

  private hand(m: StoredMessage, peekLock: boolean, now: number): Taken {
    if (!peekLock) {
      this.remove(m);
      return { message: m };
    }
    const lock = this.locks.acquire(m.seq, now);
    m.lockToken = lock.token;
    return { message: m, lock };
  }

  private unlock(token: string): StoredMessage | undefined {
    const seq = this.locks.release(token);
    const m = seq === undefined ? undefined : this.messages.get(seq);
    if (m) m.lockToken = undefined;
    return m;
  }

  private lockExpired(seq: number): void {
    const m = this.messages.get(seq);
    if (!m) return;
    m.lockToken = undefined;
    this.countDelivery(m, false);
  }

  private countDelivery(m: StoredMessage, modified: boolean): void {
    m.deliveryCount++;
    if (!m.dead && m.deliveryCount >= this.config.maxDeliveryCount) {
      const attempts = this.config.maxDeliveryCount;
      this.moveToDead(
        m,
        'MaxDeliveryCountExceeded',
        `Message could not be consumed after ${attempts} delivery attempts.`,
      );
      return;
    }
    this.sink.append(
      modified ? toPutRecord(this.name, m) : { op: 'count', q: this.name, seq: m.seq, n: m.deliveryCount },
    );
    // A deferred message stays deferred: it was fetched by sequence number, not from the queue.
    if (!m.deferred) this.makeAvailable(m, Date.now());
  }

  private modify(m: StoredMessage, change: Modification): boolean {
    const entries = Object.entries(change.properties ?? {});
    if (entries.length === 0) return false;
    this.rewrite(m, { ...m.message.application_properties, ...Object.fromEntries(entries) });
    return true;
  }

  private moveToDead(m: StoredMessage, reason: string | undefined, description: string | undefined): void {
    const properties: Record<string, unknown> = { ...m.message.application_properties };
    if (reason !== undefined) properties['DeadLetterReason'] = reason;
    if (description !== undefined) properties['DeadLetterErrorDescription'] = description;
    this.rewrite(m, properties);
    m.dead = true;
    m.deferred = false;
    this.sink.append(toPutRecord(this.name, m));
    this.makeAvailable(m, Date.now());
  }

  private rewrite(m: StoredMessage, applicationProperties: Record<string, unknown>): void {
    m.message = { ...m.message, application_properties: applicationProperties };
    m.bytes = encodeMessage(m.message);
  }

  private expire(m: StoredMessage): void {
    if (this.config.deadLetteringOnMessageExpiration && !m.dead) {
      this.moveToDead(m, 'TTLExpiredException', 'The message expired and was dead lettered.');
    } else {
      this.remove(m);
    }
  }

  private remove(m: StoredMessage): void {
    this.messages.delete(m.seq);
    this.sink.append({ op: 'del', q: this.name, seq: m.seq });
  }

  /** Puts the message in its sub-queue's ready heap, or arms the timer of a scheduled message. */
  private makeAvailable(m: StoredMessage, now: number): void {
    if (m.scheduledAt !== undefined) {
      if (m.scheduledAt > now) {
        this.arm(m);
        return;
      }
      m.scheduledAt = undefined;
    }
    if (m.deferred || m.lockToken !== undefined || m.queued) return;
    const sub: SubQueue = m.dead ? 'dead' : 'active';
    m.queued = true;
    this.ready[sub].push(m.seq);
    this.onReady(sub);
  }

  private arm(m: StoredMessage): void {
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, (m.scheduledAt ?? 0) - Date.now()));
    this.timers.set(
      m.seq,
      setTimeout(() => {
        this.timers.delete(m.seq);
        if (this.messages.get(m.seq) === m) this.makeAvailable(m, Date.now());
      }, delay),
    );
  }
}
