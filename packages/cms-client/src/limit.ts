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
