// Runs a task at most once at a time, for the local service's sync and sweep: deliveries and
// timers ask for them far more often than they need to run.

interface Serial<T> {
  /** Runs the task once no other run is in progress. */
  (): Promise<T>;
  /** Resolves when no run is in progress. */
  idle(): Promise<void>;
}

/**
 * Runs `task` at most once at a time. A call while it runs is answered by one more run after it,
 * shared by every call made meanwhile: a burst of deliveries needs one more sync, not one each.
 */
export function oneAtATime<T>(task: () => Promise<T>): Serial<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const current = task().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  const run = (): Promise<T> => {
    if (running === undefined) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
  const idle = async (): Promise<void> => {
    while (running !== undefined || next !== undefined) await (next ?? running)?.catch(() => undefined);
  };
  return Object.assign(run, { idle });
}
