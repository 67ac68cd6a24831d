/**
 * A blob trigger path such as `datasets/{dataset}/{file}`: the container, the fixed name prefix to list,
 * and a matcher turning a blob name into its named parts. The last `{part}` takes the rest of the name
 * (slashes included), as in Azure; earlier ones take as little as possible.
 */
export interface BlobPathPattern {
  readonly container: string;
  readonly prefix: string;
  match(blobName: string): Record<string, string> | undefined;
}

export function parseBlobPath(path: string): BlobPathPattern {
  const slash = path.indexOf('/');
  const container = slash < 0 ? path : path.slice(0, slash);
  const namePattern = slash < 0 ? '{name}' : path.slice(slash + 1);
  if (container === '' || container.includes('{')) {
    throw new Error(`blob trigger path "${path}" must start with a fixed container name`);
  }
  const brace = namePattern.indexOf('{');
  const prefix = brace < 0 ? namePattern : namePattern.slice(0, brace);
  const names: string[] = [];
  const parts = namePattern.split(/(\{[^}]+\})/).filter((p) => p !== '');
  const lastParam = parts.map((p) => p.startsWith('{')).lastIndexOf(true);
  const source = parts
    .map((part, i) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1, -1));
      return i === lastParam ? '(.+)' : '(.+?)';
    })
    .join('');
  const regex = new RegExp(`^${source}$`);
  return {
    container,
    prefix,
    match(blobName) {
      const found = regex.exec(blobName);
      if (found === null) return undefined;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = found[i + 1]!;
      });
      return params;
    },
  };
}
