import {
  closeSync,
  fdatasync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { BrokerError } from './brokerError';

/** One durable fact. Every record is idempotent, so replaying a snapshot followed by older records is harmless. */
export type JournalRecord =
  | {
      /** A message's full state: written on enqueue and whenever it changes shape (defer, dead-letter, modify). */
      readonly op: 'put';
      readonly q: string;
      readonly seq: number;
      /** Enqueued time, ms since epoch. */
      readonly t: number;
      /** Expiry, ms since epoch; absent = never. */
      readonly x?: number;
      /** Scheduled enqueue time; absent = not scheduled. */
      readonly s?: number;
      /** Delivery count. */
      readonly n: number;
      readonly deferred?: true;
      readonly dead?: true;
      /** The encoded AMQP message, base64. */
      readonly b: string;
    }
  | { readonly op: 'del'; readonly q: string; readonly seq: number }
  | { readonly op: 'count'; readonly q: string; readonly seq: number; readonly n: number }
  | { readonly op: 'seq'; readonly q: string; readonly next: number };

/** Where records go; the in-memory broker (no data dir) uses one that keeps nothing. */
export interface RecordSink {
  append(record: JournalRecord): void;
  /** Resolves once everything appended so far is on disk. */
  durable(): Promise<void>;
  close(): Promise<void>;
}

export class MemorySink implements RecordSink {
  append(): void {}
  durable(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

export interface JournalOptions {
  /** Rewrite the journal once it is this large and twice its last compacted size. */
  readonly compactBytes?: number;
  /** Rewrites the live state as records (called synchronously during compaction). */
  readonly snapshot: () => Iterable<JournalRecord>;
}

/**
 * Append-only JSON-lines journal with group commit: records appended during one turn of the event loop
 * are written with one write() and made durable with one fdatasync, and only then are their operations
 * acknowledged to clients. A write() survives a killed process; the fdatasync also survives power loss.
 */
export class Journal implements RecordSink {
  private fd: number;
  private pending: string[] = [];
  private waiters: (() => void)[] = [];
  private syncing = false;
  private scheduled = false;
  private closed = false;
  private size: number;
  private compactedSize: number;
  private readonly compactBytes: number;
  readonly path: string;

  private constructor(
    private readonly dir: string,
    size: number,
    private readonly options: JournalOptions,
  ) {
    this.path = join(dir, 'journal.jsonl');
    this.fd = openSync(this.path, 'a');
    this.size = size;
    this.compactedSize = size;
    this.compactBytes = options.compactBytes ?? 64 * 1024 * 1024;
  }

  /** Opens (creating) the journal in `dir`, feeding every stored record to `apply` first. */
  static open(dir: string, apply: (record: JournalRecord) => void, options: JournalOptions): Journal {
    mkdirSync(dir, { recursive: true });
    claim(dir);
    const path = join(dir, 'journal.jsonl');
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line === '') return;
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch (err) {
        // Only the last line can be torn (the process died mid-write); anything else is corruption.
        if (i >= lines.length - 2) return;
        throw new Error(`${path}: corrupt record on line ${i + 1}`, { cause: err });
      }
      apply(record);
    });
    const journal = new Journal(dir, Buffer.byteLength(text), options);
    // Start from a compact file: drops a torn tail and whatever replay made obsolete.
    journal.compact();
    return journal;
  }

  append(record: JournalRecord): void {
    if (this.closed) throw new Error('journal is closed');
    this.pending.push(`${JSON.stringify(record)}\n`);
    this.schedule();
  }

  durable(): Promise<void> {
    if (this.pending.length === 0 && !this.syncing) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  async close(): Promise<void> {
    await this.durable();
    this.closed = true;
    closeSync(this.fd);
    rmSync(join(this.dir, PID_FILE), { force: true });
  }

  private schedule(): void {
    if (this.scheduled || this.syncing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.closed || this.syncing) return;
    if (this.pending.length === 0) {
      this.release(this.waiters.splice(0));
      return;
    }
    const data = Buffer.from(this.pending.join(''));
    this.pending = [];
    const waiters = this.waiters.splice(0);
    writeAll(this.fd, data);
    this.size += data.length;
    this.syncing = true;
    fdatasync(this.fd, (err) => {
      this.syncing = false;
      if (err && !this.closed) throw err;
      if (this.size >= this.compactBytes && this.size >= 2 * this.compactedSize) this.compact();
      this.release(waiters);
      if (this.pending.length > 0 || this.waiters.length > 0) this.schedule();
    });
  }

  private release(waiters: (() => void)[]): void {
    for (const resolve of waiters) resolve();
  }

  /** Rewrites the live state into a fresh file and swaps it in atomically (write, fsync, rename, fsync dir). */
  private compact(): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w');
    let size = 0;
    let chunk: string[] = [];
    const drain = (): void => {
      const data = Buffer.from(chunk.join(''));
      writeAll(fd, data);
      size += data.length;
      chunk = [];
    };
    for (const record of this.options.snapshot()) {
      chunk.push(`${JSON.stringify(record)}\n`);
      if (chunk.length >= 1024) drain();
    }
    drain();
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
    const dirFd = openSync(this.dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
    this.size = size;
    this.compactedSize = size;
  }
}

const PID_FILE = 'broker.pid';

/**
 * Two brokers appending to one journal would corrupt it: the data folder belongs to the process named in
 * broker.pid while that process lives (a killed broker's stale file is taken over).
 */
function claim(dir: string): void {
  const path = join(dir, PID_FILE);
  let owner = 0;
  try {
    owner = Number(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new BrokerError('servicebus.data-in-use', `${dir} is in use by the local Service Bus in process ${owner}`);
  }
  writeFileSync(path, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset);
}
