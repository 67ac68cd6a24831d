import { clean, detach, isMissing } from '../cells/values';

/**
 * Dictionary-encodes one column while the file streams: each distinct value is stored once, rows keep an
 * Int32 code (-1 = missing). Types are then inferred per level, and numbers parsed once per level.
 */
export class ColumnCodes {
  readonly levels: string[];
  readonly counts: number[];
  missing = 0;
  private readonly lookup = new Map<string, number>();
  private codes = new Int32Array(1024);
  private size = 0;

  constructor(seedLevels: readonly string[] = []) {
    this.levels = [...seedLevels];
    this.counts = seedLevels.map(() => 0);
    seedLevels.forEach((level, i) => {
      this.lookup.set(level, i);
    });
  }

  push(raw: string): void {
    let code = this.lookup.get(raw);
    if (code === undefined) {
      code = this.encode(raw);
      this.lookup.set(detach(raw), code);
    }
    if (this.size === this.codes.length) {
      const grown = new Int32Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.size++] = code;
    if (code < 0) this.missing++;
    else this.counts[code] = (this.counts[code] ?? 0) + 1;
  }

  /** Raw spellings of one value (`" a"`, `"a"`) share a level; missing tokens get -1. */
  private encode(raw: string): number {
    if (isMissing(raw)) return -1;
    const value = detach(clean(raw));
    const known = this.lookup.get(value);
    if (known !== undefined) return known;
    this.levels.push(value);
    this.counts.push(0);
    this.lookup.set(value, this.levels.length - 1);
    return this.levels.length - 1;
  }

  get rowCount(): number {
    return this.size;
  }

  rowCodes(): Int32Array {
    return this.codes.subarray(0, this.size);
  }
}
