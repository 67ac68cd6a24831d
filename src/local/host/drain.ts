/**
 * Waits for running invocations, but at most `graceMs`: stopping must not hang on a long training run.
 * What is cut off is redelivered (Service Bus lock expiry) or retried (no blob receipt) on the next start.
 */
export async function drain(tasks: Iterable<Promise<unknown>>, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([Promise.allSettled([...tasks]), grace]);
  clearTimeout(timer);
}
