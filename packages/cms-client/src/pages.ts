/** One page of a Strapi `*_connection` query. */
export type Page<T> = { nodes: readonly T[]; pageInfo: { pageCount: number } };

/** The variables every page query of src/queries takes. */
export type PageVariables = { page: number; pageSize: number };

/**
 * Maps `items` through `run` with at most `concurrency` calls in flight; results keep the order of
 * `items`. After a failure no further call starts, and the first error is thrown.
 */
export async function mapWithConcurrency<I, O>(
  items: readonly I[],
  concurrency: number,
  run: (item: I, index: number) => Promise<O>,
): Promise<O[]> {
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

/**
 * Every node of a paged query: page 1 first (it tells how many pages there are), then the other pages
 * with at most `concurrency` requests in flight. Nodes come back in page order. A missing connection
 * (null) counts as no nodes.
 */
export async function fetchAllPages<T>(
  fetchPage: (page: number) => Promise<Page<T> | null | undefined>,
  { concurrency }: { concurrency: number },
): Promise<T[]> {
  const first = await fetchPage(1);
  const pageCount = first?.pageInfo.pageCount ?? 0;
  const others = Array.from({ length: Math.max(0, pageCount - 1) }, (_, index) => index + 2);
  const rest = await mapWithConcurrency(others, concurrency, (page) => fetchPage(page));
  return [first, ...rest].flatMap((page) => page?.nodes ?? []);
}
