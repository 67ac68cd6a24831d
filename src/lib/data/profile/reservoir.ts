import { mix32 } from './hash';

/**
 * Chooses which items a uniform reservoir sample of `size` keeps, by Algorithm L (Li 1994): after the
 * reservoir fills, it draws how many items to pass over, so most items cost one comparison, not a random draw.
 * Seeded xorshift32: the same stream gives the same sample.
 */
export class ReservoirSampler {
  private seen = 0;
  private w = 1;
  private next = 0;

  constructor(
    readonly size: number,
    private seed: number,
  ) {}

  /** The slot the next item goes to, or -1 when it is passed over. */
  slot(): number {
    const n = ++this.seen;
    if (n <= this.size) {
      if (n === this.size) this.skip();
      return n - 1;
    }
    if (n !== this.next) return -1;
    const j = Math.floor(this.random() * this.size);
    this.skip();
    return j;
  }

  private skip(): void {
    this.w *= Math.exp(Math.log(this.random()) / this.size);
    this.next = this.seen + Math.floor(Math.log(this.random()) / Math.log(1 - this.w)) + 1;
  }

  private random(): number {
    this.seed = xorshift32(this.seed);
    return unit(this.seed);
  }
}

/**
 * Passes each item with probability `rate`, independently (a Bernoulli sample), drawing the gaps between passed
 * items (geometric), so an item passed over costs a decrement. Seeded xorshift32, like the reservoir.
 */
export class BernoulliFilter {
  private countdown: number;

  constructor(
    private readonly rate: number,
    private seed: number,
  ) {
    this.countdown = this.gap();
  }

  pass(): boolean {
    if (this.countdown-- > 0) return false;
    this.countdown = this.gap();
    return true;
  }

  private gap(): number {
    if (this.rate >= 1) return 0;
    this.seed = xorshift32(this.seed);
    return Math.floor(Math.log(unit(this.seed)) / Math.log1p(-this.rate));
  }
}

/** A reservoir's content: a uniform sample (every item while they fit) of the `seen` items of a stream. */
export interface Sample<T> {
  readonly items: ArrayLike<T>;
  readonly seen: number;
}

/**
 * A uniform sample of at most `size` of two consecutive streams, from a uniform sample of each: every item,
 * earlier stream first, when they all fit; else as many of each stream as a draw of `size` from the union
 * would take (hypergeometric), each a uniform subset of that stream's sample, kept in its order. Deterministic:
 * the generator is seeded with `seed` and both streams' lengths, so each merge of a chain draws differently.
 */
export function mergeSamples<T>(earlier: Sample<T>, later: Sample<T>, size: number, seed: number): T[] {
  if (earlier.seen + later.seen <= size) return [...Array.from(earlier.items), ...Array.from(later.items)];
  let state = mix32(seed ^ Math.imul(earlier.seen, 0x9e3779b9) ^ later.seen) || 1;
  const random = (): number => {
    state = xorshift32(state);
    return unit(state);
  };
  // A side whose sample is smaller than its draw (a chunk told to keep fewer rows than it turned out to need)
  // gives what it has, and the other side the rest.
  const fromLater = Math.min(later.items.length, size - drawShare(earlier.seen, later.seen, size, random));
  const fromEarlier = Math.min(earlier.items.length, size - fromLater);
  return [...subset(earlier.items, fromEarlier, random), ...subset(later.items, fromLater, random)];
}

/** How many of `size` items drawn without replacement from `a` + `b` come from the first `a`. */
function drawShare(a: number, b: number, size: number, random: () => number): number {
  let left = a;
  let right = b;
  for (let i = 0; i < size; i++) {
    if (random() * (left + right) < left) left--;
    else right--;
  }
  return a - left;
}

/** A uniform subset of `count` of `items`, in their order (selection sampling, Knuth's Algorithm S). */
function subset<T>(items: ArrayLike<T>, count: number, random: () => number): T[] {
  const chosen: T[] = [];
  for (let i = 0; i < items.length && chosen.length < count; i++) {
    if (random() * (items.length - i) < count - chosen.length) chosen.push(items[i]!);
  }
  return chosen;
}

/** The xorshift32 step: never 0 from a state that is not. */
function xorshift32(state: number): number {
  let s = state;
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return s;
}

/** A xorshift32 state as a number in (0, 1). */
function unit(state: number): number {
  return ((state >>> 0) + 1) / 4294967297;
}
