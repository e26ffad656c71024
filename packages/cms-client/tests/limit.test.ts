import { describe, expect, it } from 'vitest';
import { createLimit } from '../src/limit';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createLimit', () => {
  it('runs at most `concurrency` tasks at once, first come first served', async () => {
    const limit = createLimit(2);
    let inFlight = 0;
    let max = 0;
    const order: number[] = [];
    const task = (id: number) =>
      limit(async () => {
        order.push(id);
        inFlight += 1;
        max = Math.max(max, inFlight);
        await tick(5);
        inFlight -= 1;
        return id;
      });
    await expect(Promise.all([1, 2, 3, 4, 5, 6].map(task))).resolves.toEqual([1, 2, 3, 4, 5, 6]);
    expect(max).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does not let a newcomer slip in while a freed slot is handed to a waiter', async () => {
    const limit = createLimit(1);
    let inFlight = 0;
    let max = 0;
    const task = () =>
      limit(async () => {
        inFlight += 1;
        max = Math.max(max, inFlight);
        await Promise.resolve();
        inFlight -= 1;
      });
    const first = task();
    const waiting = task();
    await first;
    // The slot of `first` now belongs to `waiting`, which has not started yet: this one must queue.
    await Promise.all([waiting, task()]);
    expect(max).toBe(1);
  });

  it('frees the slot when a task fails', async () => {
    const limit = createLimit(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('refuses a limit below 1', () => {
    expect(() => createLimit(0)).toThrow(RangeError);
  });
});
