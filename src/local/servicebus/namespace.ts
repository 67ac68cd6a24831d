import { type QueueConfig, resolveQueue } from './config';
import { Journal, type JournalRecord, MemorySink, type RecordSink } from './journal';
import { Queue, type SubQueue } from './queue';

export interface NamespaceOptions {
  readonly queues: readonly QueueConfig[];
  /** Journal folder; undefined keeps everything in memory. */
  readonly dataDir?: string;
  /** Journal size that triggers compaction (tests use a small one). */
  readonly compactBytes?: number;
}

/** An entity address as a client names it: `queue`, `queue/$DeadLetterQueue`, either with `/$management`. */
export interface EntityAddress {
  readonly queue: Queue;
  readonly sub: SubQueue;
  readonly management: boolean;
}

/** The queues of one broker and the journal that makes them durable. */
export class Namespace {
  private readonly queues = new Map<string, Queue>();
  private sink: RecordSink = new MemorySink();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: NamespaceOptions) {
    const sink: RecordSink = {
      append: (r) => this.sink.append(r),
      durable: () => this.sink.durable(),
      close: () => this.sink.close(),
    };
    for (const config of options.queues) {
      const queue = new Queue(resolveQueue(config), sink);
      this.queues.set(queue.name.toLowerCase(), queue);
    }
  }

  /** Replays the journal, makes messages available and starts expiring old ones. */
  open(): void {
    if (this.options.dataDir !== undefined) {
      const dropped = new Set<string>();
      this.sink = Journal.open(
        this.options.dataDir,
        (record) => {
          const queue = this.queues.get(record.q.toLowerCase());
          if (queue) queue.apply(record);
          else dropped.add(record.q);
        },
        { compactBytes: this.options.compactBytes, snapshot: () => this.snapshot() },
      );
      for (const name of dropped)
        console.warn(`servicebus: journal holds messages of undeclared queue ${name}: dropped`);
    }
    for (const queue of this.queues.values()) queue.start();
    this.sweeper = setInterval(() => {
      for (const queue of this.queues.values()) queue.sweep();
    }, 1000);
    this.sweeper.unref();
  }

  get records(): RecordSink {
    return this.sink;
  }

  all(): Iterable<Queue> {
    return this.queues.values();
  }

  /** Resolves a link address; undefined when no such entity exists. */
  resolve(address: string): EntityAddress | undefined {
    // Accept `sb://host/queue` as well as the bare entity path the SDK uses.
    const path = address.replace(/^[a-z]+:\/\/[^/]+\//i, '');
    const parts = path.split('/').filter((p) => p !== '');
    const management = parts.at(-1)?.toLowerCase() === '$management';
    if (management) parts.pop();
    const dead = parts.at(-1)?.toLowerCase() === '$deadletterqueue';
    if (dead) parts.pop();
    if (parts.length !== 1) return undefined;
    const queue = this.queues.get(parts[0]!.toLowerCase());
    return queue ? { queue, sub: dead ? 'dead' : 'active', management } : undefined;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const queue of this.queues.values()) queue.stop();
    await this.sink.close();
  }

  private *snapshot(): Iterable<JournalRecord> {
    for (const queue of this.queues.values()) yield* queue.snapshot();
  }
}
