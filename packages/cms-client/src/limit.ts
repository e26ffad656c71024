/**
 * The workspace's concurrency tools, written once: a semaphore for tasks that arrive over time (the
 * client's requests) and a bounded map over a known list (pages, batches, media downloads, file links).
 */

/** Runs a task once a slot is free; at most `concurrency` tasks run at the same time. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/** A first-come, first-served limit on tasks in flight (a counting semaphore). */
export function createLimit(concurrency: number): Limit {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer (got ${concurrency})`);
  }
  let running = 0;
  const waiting: Array<() => void> = [];
  // A finished task hands its slot straight to the next waiter: freeing it first would let a newcomer
  // take it between the two, and both would run.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async (task) => {
    if (running < concurrency) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/**
 * Maps `items` through `run` with at most `concurrency` calls in flight; results keep the order of
 * `items`. After a failure no further call starts, and the first error is thrown.
 */
export async function mapWithConcurrency<I, O>(items: readonly I[], concurrency: number, run: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const results: O[] = new Array<O>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await run(items[index], index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
