import type { Delivery, EventContext, Sender } from 'rhea';
import { encodeForDelivery, lockTokenToTag } from './codec';
import type { RecordSink } from './journal';
import type { Queue, SubQueue } from './queue';
import {
  alwaysAnswerDrain,
  confirmedOutcome,
  forgetDelivery,
  internals,
  type OutcomeKind,
  rejectedOutcome,
} from './rheaInternals';
import { stampOf } from './storedMessage';

const LOCK_LOST = 'com.microsoft:message-lock-lost';

/** A client receiver attached to a queue or its dead-letter queue (a broker-side rhea sender). */
interface Consumer {
  readonly link: Sender;
  readonly peekLock: boolean;
  /** Deliveries handed to rhea but not yet written: rhea lowers `credit` only when it writes a transfer. */
  readonly unwritten: Delivery[];
  /** Peek-lock deliveries awaiting the client's disposition, with their lock tokens. */
  readonly outstanding: Map<Delivery, string>;
  /** The receiver asked to drain and has not been answered yet. */
  drainRequested: boolean;
}

/**
 * Hands a sub-queue's messages to its attached receivers within their link credit, round robin (competing
 * consumers), answers drain requests, and turns the receivers' dispositions into queue settlements.
 */
export class ConsumerGroup {
  private readonly consumers: Consumer[] = [];
  private next = 0;
  private pumping = false;
  private again = false;

  constructor(
    private readonly queue: Queue,
    private readonly sub: SubQueue,
    private readonly sink: RecordSink,
  ) {}

  attach(link: Sender): void {
    // Receive-and-delete receivers ask for pre-settled transfers.
    const peekLock = link.snd_settle_mode !== 1;
    const consumer: Consumer = { link, peekLock, unwritten: [], outstanding: new Map(), drainRequested: false };
    this.consumers.push(consumer);
    const pump = (): void => this.pump();
    link.on('sendable', pump);
    link.on('sender_flow', pump);
    link.on('sender_draining', () => {
      consumer.drainRequested = true;
      this.pump();
    });
    alwaysAnswerDrain(link);
    const settle = (context: EventContext): void => this.settle(consumer, context);
    for (const outcome of ['accepted', 'rejected', 'modified', 'released'] as const) link.on(outcome, settle);
    link.on('sender_close', () => this.detach(consumer));
  }

  /** Forgets a receiver whose link or connection went away; its locks simply run out. */
  detach(consumer: Consumer): void {
    const i = this.consumers.indexOf(consumer);
    if (i < 0) return;
    this.consumers.splice(i, 1);
    // Let rhea's session buffer drop deliveries that will never get a disposition.
    for (const delivery of consumer.outstanding.keys()) forgetDelivery(delivery);
    consumer.outstanding.clear();
  }

  detachLink(link: Sender): void {
    const consumer = this.consumers.find((c) => c.link === link);
    if (consumer) this.detach(consumer);
  }

  pump(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        this.deliverAll();
      } while (this.again);
      this.answerDrains();
    } finally {
      this.pumping = false;
    }
  }

  private deliverAll(): void {
    let progress = true;
    while (progress && this.queue.hasReady(this.sub)) {
      progress = false;
      const n = this.consumers.length;
      for (let k = 0; k < n; k++) {
        const consumer = this.consumers[(this.next + k) % n]!;
        if (budget(consumer) <= 0) continue;
        const taken = this.queue.take(this.sub, consumer.peekLock);
        if (!taken) return;
        const m = taken.message;
        const bytes = encodeForDelivery(m.message, m.bytes, stampOf(m, this.queue.name, taken.lock?.until));
        const tag = taken.lock ? lockTokenToTag(taken.lock.token) : Buffer.from(m.seq.toString(16));
        const delivery = consumer.link.send(bytes, tag, 0);
        consumer.unwritten.push(delivery);
        if (taken.lock) consumer.outstanding.set(delivery, taken.lock.token);
        progress = true;
        this.next = (this.next + k + 1) % n;
        break;
      }
    }
  }

  /** A drain is answered once the receiver's credit is used up or nothing is left to send. */
  private answerDrains(): void {
    const empty = !this.queue.hasReady(this.sub);
    for (const consumer of this.consumers) {
      if (consumer.drainRequested && (empty || budget(consumer) <= 0)) {
        consumer.drainRequested = false;
        consumer.link.set_drained(true);
      }
    }
  }

  private settle(consumer: Consumer, context: EventContext): void {
    const delivery = context.delivery;
    if (!delivery) return;
    const token = consumer.outstanding.get(delivery);
    consumer.outstanding.delete(delivery);
    const kind = outcomeOf(delivery);
    if (token === undefined) {
      finish(delivery, confirmedOutcome(kind));
      return;
    }
    const state = delivery.remote_state as
      | {
          error?: { condition?: string; info?: Record<string, unknown> };
          undeliverable_here?: boolean;
          message_annotations?: Record<string, unknown>;
        }
      | undefined;
    const properties = state?.message_annotations ?? undefined;
    let ok: boolean;
    if (kind === 'accepted') ok = this.queue.complete(token);
    else if (kind === 'released') ok = this.queue.release(token);
    else if (kind === 'modified') {
      ok = state?.undeliverable_here
        ? this.queue.defer(token, { properties })
        : this.queue.abandon(token, { properties });
    } else {
      const info = state?.error?.info ?? {};
      const reason = info['DeadLetterReason'];
      const description = info['DeadLetterErrorDescription'];
      ok = this.queue.deadLetter(
        token,
        typeof reason === 'string' ? reason : undefined,
        typeof description === 'string' ? description : undefined,
      );
    }
    if (!ok) {
      finish(delivery, rejectedOutcome(LOCK_LOST, 'The lock on the message was lost.'));
      return;
    }
    // Acknowledge only once the settlement is on disk, so a completed message never comes back.
    void this.sink.durable().then(() => finish(delivery, confirmedOutcome(kind)));
  }
}

/**
 * Our settlement is final. The SDK never settles its side again after it (receiver settle mode second), so
 * rhea would keep every such delivery in the session's outgoing window, and the link stalled for good once
 * 16,384 peek-lock deliveries had gone through one session.
 */
function finish(delivery: Delivery, outcome: Parameters<Delivery['update']>[1]): void {
  delivery.update(true, outcome);
  // After update(): rhea sends no disposition for a delivery it believes the peer has settled already.
  (delivery as unknown as { remote_settled: boolean }).remote_settled = true;
}

function budget(consumer: Consumer): number {
  if (!consumer.link.is_open()) return 0;
  const link = internals(consumer.link);
  const outgoing = link.session.outgoing;
  const unwritten = consumer.unwritten;
  while (unwritten.length > 0 && unwritten[0]!.id < outgoing.next_pending_delivery) unwritten.shift();
  return Math.min(link.credit - unwritten.length, outgoing.available());
}

function outcomeOf(delivery: Delivery): OutcomeKind {
  const state = delivery.remote_state as { constructor?: { composite_type?: string } } | undefined;
  const kind = state?.constructor?.composite_type;
  return kind === 'accepted' || kind === 'released' || kind === 'modified' ? kind : 'rejected';
}
