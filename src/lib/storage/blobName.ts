import { userError } from '../errors';

/** Azure's limit on a blob name. */
export const MAX_BLOB_NAME_CHARS = 1024;

/** Escapes of ASCII characters: the only ones that can form a separator or a dot segment. */
const ASCII_ESCAPE = /%[0-7][0-9a-f]/gi;

/**
 * Why `name` may not be used as a blob name, or undefined when it may. Names are joined into URLs, and URL
 * resolution drops `.` and `..` segments (so `ds/../../registry/x` addresses another container) and reads a
 * backslash as `/`. The SDK keeps such segments, storage keeps them in names it lists, and a name may reach
 * storage percent-decoded (`%2E%2E` is `..` to a URL), so both the name and its decoded form must pass.
 */
export function blobNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > MAX_BLOB_NAME_CHARS) {
    return `the name has ${name.length} characters, over Azure's limit of ${MAX_BLOB_NAME_CHARS}`;
  }
  const problem = formProblem(name);
  if (problem !== undefined) return problem;
  const decoded = name.replace(ASCII_ESCAPE, (hex) => String.fromCharCode(Number.parseInt(hex.slice(1), 16)));
  const decodedProblem = decoded === name ? undefined : formProblem(decoded);
  return decodedProblem === undefined ? undefined : `percent-decoded, ${decodedProblem}`;
}

function formProblem(form: string): string | undefined {
  if (form.includes('\\')) return 'it contains a backslash, which URLs read as /';
  if (hasControlCharacter(form)) return 'it contains a control character';
  const segments = form.split('/');
  if (segments.includes('')) return 'it has an empty path segment (a leading, trailing or doubled /)';
  for (const dots of ['..', '.']) {
    if (segments.includes(dots)) return `it has a '${dots}' segment, which would address another path`;
  }
  return undefined;
}

function hasControlCharacter(form: string): boolean {
  for (let i = 0; i < form.length; i++) {
    const code = form.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** `name`, or a user error (400) saying why it is refused: never followed into another path. */
export function checkBlobName(container: string, name: string): string {
  const problem = blobNameProblem(name);
  if (problem !== undefined) throw refused(container, name, problem);
  return name;
}

/** A listing prefix is a name that may also be empty or end with `/`. */
export function checkBlobPrefix(container: string, prefix: string): string {
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const problem = prefix === '' ? undefined : blobNameProblem(trimmed);
  if (problem !== undefined) throw refused(container, prefix, problem);
  return prefix;
}

function refused(container: string, name: string, problem: string) {
  // JSON quoting keeps a control character in the name from breaking a log line.
  return userError(
    'invalid_blob_name',
    `${JSON.stringify(`${container}/${name}`)} is not a usable blob name: ${problem}`,
    {
      details: [{ path: 'blob name', message: problem }],
      hint: "Name files with non-empty path segments other than '.' and '..', without backslashes or control characters.",
    },
  );
}
