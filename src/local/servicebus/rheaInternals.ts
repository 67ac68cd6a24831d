import { message as amqpMessage, type Delivery, type Receiver, type Sender, type Typed, types } from 'rhea';

/**
 * rhea runtime members its typings leave out. Kept in one place so a rhea upgrade that changes them
 * breaks here, visibly.
 */
interface LinkInternals {
  credit: number;
  _draining?: boolean;
  local: { attach: Record<string, unknown> };
  session: { outgoing: { next_pending_delivery: number; available(): number } };
}

export type OutcomeKind = 'accepted' | 'released' | 'modified' | 'rejected';

type Outcomes = Record<OutcomeKind, (fields?: object) => { described(): unknown }>;

const outcomes = amqpMessage as unknown as Outcomes;

export function acceptedOutcome(): unknown {
  return outcomes.accepted().described();
}

/** The outcome a settlement is confirmed with: the client's own, without any error (the SDK fails on one). */
export function confirmedOutcome(kind: OutcomeKind): unknown {
  return outcomes[kind]().described();
}

export function rejectedOutcome(condition: string, description: string): unknown {
  return outcomes.rejected({ error: { condition, description } }).described();
}

export function internals(link: Sender | Receiver): LinkInternals {
  return link as unknown as LinkInternals;
}

/** Marks a delivery settled on both ends so rhea's session buffer can drop it (its link is gone). */
export function forgetDelivery(delivery: Delivery): void {
  const d = delivery as unknown as { settled: boolean; remote_settled: boolean };
  d.settled = true;
  d.remote_settled = true;
}

interface Codec {
  Reader: new (buffer: Buffer) => { read(): unknown; position: number };
  Writer: new (buffer?: Buffer) => { write(value: Typed): void; toBuffer(): Buffer };
}

/** rhea's AMQP type reader and writer. */
export const amqpCodec = types as unknown as Codec;

/** rhea's constructor of a message header section. */
export function headerSection(fields: object): Typed {
  return (amqpMessage as unknown as { header(fields: object): { described(): Typed } }).header(fields).described();
}

/**
 * rhea echoes `drain` only while credit is left; when the last transfers used the credit up, the receiver (the
 * SDK) would wait for the drained flow until it times out and closes its link. Echo it in that case too.
 */
export function alwaysAnswerDrain(link: Sender): void {
  const l = link as unknown as { _draining: boolean; _drained: boolean; credit: number; delivery_count: number } & {
    _get_drain(): boolean;
  };
  l._get_drain = function (this: typeof l): boolean {
    if (!this._draining || !this._drained) return false;
    this.delivery_count += this.credit;
    this.credit = 0;
    return true;
  };
}
