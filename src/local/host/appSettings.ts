/** `%NAME%` in a binding property means "the app setting NAME", resolved when the host starts. */
export function resolveSettingRefs(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/%([^%]+)%/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value === '')
      throw new Error(`app setting "${name}" (referenced as %${name}%) is not set`);
    return value;
  });
}

/**
 * The connection string a binding's `connection` names. Like the Functions host it tries the setting
 * itself, then `AzureWebJobs<name>`; identity-based settings (`<name>__…`) need Azure and are refused here.
 */
export function connectionString(env: NodeJS.ProcessEnv, name: string, kind: string): string {
  const value = env[name] || env[`AzureWebJobs${name}`];
  if (value) return value;
  const identity = Object.keys(env).some((k) => k.startsWith(`${name}__`));
  throw new Error(
    identity
      ? `${kind} connection "${name}" uses identity-based settings; the offline host needs a connection string`
      : `${kind} connection "${name}" is not set (expected an app setting "${name}" holding a connection string)`,
  );
}
