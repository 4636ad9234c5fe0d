/**
 * Maps `items` through `work` with at most `limit` results in memory at once (running or done but
 * not yet taken), yielding in completion order. The consumer's pace is the back-pressure: memory
 * stays flat however many items there are.
 */
export async function* boundedMap<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  work: (item: T) => Promise<R>,
  limit: number
): AsyncGenerator<R> {
  const pending = new Map<number, Promise<[number, R]>>()
  let next = 0
  for await (const item of items) {
    const id = next++
    pending.set(
      id,
      work(item).then((result) => [id, result])
    )
    if (pending.size >= limit) yield await take(pending)
  }
  while (pending.size > 0) yield await take(pending)
}

async function take<R>(pending: Map<number, Promise<[number, R]>>): Promise<R> {
  const [id, result] = await Promise.race(pending.values())
  pending.delete(id)
  return result
}
