import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../src/limit';
import { fetchAllPages, type Page } from '../src/pages';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts calls in flight and remembers the highest count. */
function tracker() {
  const state = { inFlight: 0, max: 0, started: [] as number[] };
  const track = async <T>(key: number, work: () => Promise<T>): Promise<T> => {
    state.started.push(key);
    state.inFlight += 1;
    state.max = Math.max(state.max, state.inFlight);
    try {
      return await work();
    } finally {
      state.inFlight -= 1;
    }
  };
  return { state, track };
}

/** A fake paged collection of `total` numbers whose pages answer after random delays. */
function collection(total: number, pageSize: number, track: ReturnType<typeof tracker>['track']) {
  return (page: number): Promise<Page<number>> =>
    track(page, async () => {
      await tick(Math.random() * 10);
      const nodes = Array.from({ length: total }, (_, i) => i + 1).slice((page - 1) * pageSize, page * pageSize);
      return { nodes, pageInfo: { pageCount: Math.ceil(total / pageSize) } };
    });
}

describe('mapWithConcurrency', () => {
  it('keeps the order of the input and never exceeds the limit', async () => {
    const { state, track } = tracker();
    const items = Array.from({ length: 30 }, (_, i) => i);
    const results = await mapWithConcurrency(items, 4, (item) => track(item, async () => (await tick(Math.random() * 8), item * 2)));
    expect(results).toEqual(items.map((item) => item * 2));
    expect(state.max).toBe(4);
  });

  it('starts nothing new after a failure', async () => {
    const { state, track } = tracker();
    const items = Array.from({ length: 20 }, (_, i) => i);
    const run = (item: number) =>
      track(item, async () => {
        await tick(5);
        if (item === 2) throw new Error('page 3 failed');
        return item;
      });
    await expect(mapWithConcurrency(items, 3, run)).rejects.toThrow('page 3 failed');
    await tick(30);
    expect(state.started.length).toBeLessThan(8);
  });

  it('handles an empty list', async () => {
    await expect(mapWithConcurrency([], 4, () => Promise.resolve(1))).resolves.toEqual([]);
  });
});

describe('fetchAllPages', () => {
  it('asks page 1 alone, then the others at most `concurrency` at a time, and returns nodes in page order', async () => {
    const { state, track } = tracker();
    const nodes = await fetchAllPages(collection(95, 10, track), { concurrency: 3 });
    expect(nodes).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
    expect(state.started[0]).toBe(1);
    expect([...state.started].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(state.max).toBe(3);
  });

  it('makes one request when everything fits on page 1', async () => {
    const { state, track } = tracker();
    await expect(fetchAllPages(collection(7, 10, track), { concurrency: 4 })).resolves.toHaveLength(7);
    expect(state.started).toEqual([1]);
  });

  it('reads an empty collection or a null connection as no nodes', async () => {
    const { track } = tracker();
    await expect(fetchAllPages(collection(0, 10, track), { concurrency: 4 })).resolves.toEqual([]);
    await expect(fetchAllPages(() => Promise.resolve(null), { concurrency: 4 })).resolves.toEqual([]);
  });
});
