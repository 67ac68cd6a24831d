/**
 * Text arriving in pieces, read record by record: `consume(text, final)` reads the complete records of `text`
 * (with `final`, the rest too) and returns where the unread tail starts, which waits for the next piece.
 * The unfinished tail is scanned again from its start at each read, so a long one (a large quoted field) waits
 * until as much text has come after it: no character is scanned more than a few times. Never past `limit`
 * characters held, though, so a caller's record-size check still sees a record that will not end.
 */
export class PendingText {
  private text = '';
  /** Characters at the end of `text` pushed since it was last read. */
  private fresh = 0;

  constructor(
    private readonly consume: (text: string, final: boolean) => number,
    private readonly limit: number,
  ) {}

  /** Reads the records completed so far (or waits, see above) and keeps `piece`; returns the characters held. */
  push(piece: string): number {
    const unfinished = this.text.length - this.fresh;
    if (this.fresh + piece.length < unfinished && this.text.length + piece.length <= this.limit) {
      this.text += piece;
      this.fresh += piece.length;
      return this.text.length;
    }
    this.text = this.text.slice(this.consume(this.text, false)) + piece;
    this.fresh = piece.length;
    return this.text.length;
  }

  /** Reads what is left: the text ended. */
  end(): void {
    this.consume(this.text, true);
    this.text = '';
    this.fresh = 0;
  }
}
