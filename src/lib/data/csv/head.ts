import { SAMPLE_CHARS } from './limits';

/** The first text of a file, to sniff its dialect on: at least `SAMPLE_CHARS` characters unless the file ends first. */
export async function readHead(pieces: AsyncIterator<string>): Promise<{ head: string; done: boolean }> {
  let head = '';
  while (head.length < SAMPLE_CHARS) {
    const next = await pieces.next();
    if (next.done) return { head, done: true };
    head += next.value;
  }
  return { head, done: false };
}
