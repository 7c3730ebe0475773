/** Runs `task` every `intervalMs` until `signal` aborts; errors are reported and the loop goes on. */
export async function runPeriodically(
  task: () => Promise<unknown>,
  intervalMs: number,
  signal: AbortSignal,
  onError: (e: unknown) => void,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await task();
    } catch (e) {
      onError(e);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
