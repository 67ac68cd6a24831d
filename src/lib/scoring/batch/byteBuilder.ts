const COMMA = 44;
const DOT = 46;
const ZERO = 48;
const SCALE = 1e9;

/**
 * Builds a chunk of output as UTF-8 bytes in one reused scratch buffer, then hands out an exact copy: no
 * per-row strings to concatenate, join and encode again (the output's cost was mostly those copies).
 */
export class ByteBuilder {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;

  text(value: string): void {
    this.reserve(3 * value.length);
    this.at += this.buffer.write(value, this.at, 'utf8');
  }

  bytes(value: Uint8Array): void {
    this.reserve(value.length);
    this.buffer.set(value, this.at);
    this.at += value.length;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.at++] = value;
  }

  /**
   * A probability with 9 decimals, formatted from an integer straight into bytes: several times faster than
   * the shortest round-trip decimal of the double (this runs for every class of every output row).
   */
  probability(p: number): void {
    this.reserve(11);
    const out = this.buffer;
    if (!(p > 0)) {
      out[this.at++] = ZERO;
      return;
    }
    let n = Math.round(p * SCALE);
    if (n >= SCALE) {
      out[this.at++] = ZERO + 1;
      return;
    }
    out[this.at] = ZERO;
    out[this.at + 1] = DOT;
    for (let i = this.at + 10; i > this.at + 1; i--) {
      out[i] = ZERO + (n % 10);
      n = Math.floor(n / 10);
    }
    this.at += 11;
  }

  comma(): void {
    this.byte(COMMA);
  }

  /** The bytes written since the last take, as their own Buffer (the scratch is reused). */
  take(): Buffer {
    // allocUnsafe: the copy fills every byte, so the zero-fill of Buffer.from's new buffer would be wasted.
    const out = Buffer.allocUnsafe(this.at);
    this.buffer.copy(out, 0, 0, this.at);
    this.at = 0;
    return out;
  }

  private reserve(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.at + n));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}
