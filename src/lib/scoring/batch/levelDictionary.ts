import { clean, detach, isMissing } from '../../data/cells/values';
import { ValueTable } from '../../data/profile/valueTable';

/** Distinct raw spellings and their characters kept before a dictionary starts afresh: bounds memory on text columns. */
export interface DictionaryLimits {
  readonly keys: number;
  readonly chars: number;
}

const LIMITS: DictionaryLimits = { keys: 16_384, chars: 4 * 1024 * 1024 };

/**
 * One column's values dictionary-encoded across the chunks of a file, as `ColumnCodes` encodes a whole file
 * (missing tokens → -1, raw spellings of a value share its cleaned level), plus a number derived once per
 * level (the parsed number, date or class index). A repeated cell costs one hash-table lookup on its raw text
 * instead of being cleaned, checked and parsed again in every chunk. Spellings are compared exactly, not by
 * hash alone: a prediction must never depend on a hash collision.
 */
export class LevelDictionary {
  /** Levels in first-seen order; a frame built from one chunk indexes this array. */
  levels: string[] = [];
  /** Per level: `derive(level)` (empty without `derive`). */
  derived: number[] = [];
  /** Raw spellings seen, and each one's level code. */
  private spellings: ValueTable;
  private codes: number[] = [];
  private keyChars = 0;

  constructor(
    private readonly derive?: (level: string) => number,
    private readonly limits = LIMITS,
  ) {
    this.spellings = new ValueTable(limits.keys, 'exact');
  }

  /**
   * Starts afresh when too many distinct values were seen (a text or ID-like column). Called only between
   * chunks: a chunk's frame keeps the `levels` array it was built with.
   */
  bound(): void {
    if (this.spellings.size <= this.limits.keys && this.keyChars <= this.limits.chars) return;
    this.levels = [];
    this.derived = [];
    this.spellings = new ValueTable(this.limits.keys, 'exact');
    this.codes = [];
    this.keyChars = 0;
  }

  /** Level code of a raw cell, -1 when it is missing. */
  code(raw: string): number {
    const known = this.spellings.find(raw);
    return known < 0 ? this.add(raw) : this.codes[known]!;
  }

  private add(raw: string): number {
    let code = -1;
    if (!isMissing(raw)) {
      const value = detach(clean(raw));
      const known = value === raw ? -1 : this.spellings.find(value);
      if (known >= 0) code = this.codes[known]!;
      else {
        code = this.levels.length;
        this.levels.push(value);
        if (this.derive !== undefined) this.derived.push(this.derive(value));
        if (value !== raw) this.remember(value, code);
      }
    }
    // Kept keys are copies: a slice would pin the whole text chunk it was cut from.
    this.spellings.find(raw);
    this.remember(detach(raw), code);
    return code;
  }

  /** Adds a key the table's last `find` missed. */
  private remember(key: string, code: number): void {
    this.spellings.insert(key);
    this.codes.push(code);
    this.keyChars += key.length;
  }
}
