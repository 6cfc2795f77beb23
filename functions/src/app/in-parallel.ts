// Runs work over a list a few items at a time: Google's per-user rate limits, and Firestore's
// transaction contention, both punish a burst more than they reward it.
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let index = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (index < items.length) {
      const item = items[index] as T;
      index += 1;
      await work(item);
    }
  });
  await Promise.all(runners);
}
