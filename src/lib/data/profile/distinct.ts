import { mix32 } from './hash';

const PRECISION = 12;
const REGISTERS = 1 << PRECISION;
// Bias correction of HyperLogLog for m ≥ 128 registers (Flajolet et al. 2007).
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

/** What `HyperLogLog.absorb` needs of an estimator: plain data. */
export interface HyperLogLogState {
  readonly registers: Uint8Array;
}

/** HyperLogLog distinct-count estimator: 4 KB per column, about 1.6 % standard error. */
export class HyperLogLog {
  private readonly registers = new Uint8Array(REGISTERS);

  add(hash: number): void {
    const h = mix32(hash);
    const index = h >>> (32 - PRECISION);
    const rest = (h << PRECISION) | (1 << (PRECISION - 1));
    const rank = Math.clz32(rest) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  state(): HyperLogLogState {
    return { registers: this.registers.slice() };
  }

  /** Counts the values another estimator saw as well: each register keeps the higher rank, as if added here. */
  absorb(other: HyperLogLogState): void {
    const registers = this.registers;
    for (let i = 0; i < REGISTERS; i++) {
      const r = other.registers[i]!;
      if (r > registers[i]!) registers[i] = r;
    }
  }

  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    // Small ranges: linear counting is more accurate while registers are still empty.
    if (raw <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    return Math.round(raw);
  }
}
