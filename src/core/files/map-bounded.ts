/**
 * Maps `items` with at most `limit` calls of `work` at once, results in the items' order: file
 * work (hashing, header reads) waits on the disk and the thread pool, not the CPU, so a few dozen
 * at once keep both busy where one at a time left the process idle three quarters of the time.
 * `onSettled` hears each item as it finishes (for a progress count).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  onSettled: (settled: number) => void = () => {}
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let settled = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index], index)
      onSettled(++settled)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}

/** How many file reads go at once: enough to fill the thread pool's queue twice over. */
export const FILE_CONCURRENCY = 32
