/** Characters the dialect is sniffed on (the first 64 K). */
export const SAMPLE_CHARS = 64 * 1024;
/** A record this long is almost always an unclosed quote swallowing the rest of the file. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;
/** Readers report progress each time this many more bytes have been read, unless told otherwise. */
export const PROGRESS_EVERY_BYTES = 16 * 1024 * 1024;
