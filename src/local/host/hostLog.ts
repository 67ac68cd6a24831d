/** Where the host writes its own lines and the functions' `context.log` calls: (level, message). */
export type HostLog = (level: string, message: string) => void;

/** Console logging as the Functions host prints it: `[function] message`; trace/debug only when asked. */
export function consoleLog(verbose = process.env['HOST_VERBOSE'] === '1'): HostLog {
  return (level, message) => {
    if (level === 'error' || level === 'critical') console.error(message);
    else if (level === 'warning') console.warn(message);
    else if (verbose || (level !== 'trace' && level !== 'debug')) console.log(message);
  };
}
