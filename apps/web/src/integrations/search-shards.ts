/**
 * Which base shard holds which article (search-update.ts): the base is cut into indexes of at most SHARD_SIZE
 * articles, so that an edit past the recent index's bound writes one shard again, not the site's index, and
 * the writer's memory holds one shard's words. A pure plan, so that it can be tested without files:
 *
 *   - with no previous shards, the articles in slug order, cut every `shardSize` (the same records always
 *     give the same shards);
 *   - otherwise each article stays in its shard; a shard is rewritten ("touched") when one of its articles
 *     changed or went, or when it takes new articles; new articles (in slug order) fill the last shard, then
 *     new ones; an emptied shard is left out.
 */

/**
 * Articles per base shard: a shard written again costs some 0.3 s per 1,000 articles, and a reader's query
 * loads one bucket file from each shard.
 */
export const SHARD_SIZE = 10_000;

export type ShardPlan = {
  /** The slugs of each shard, in order. */
  shards: string[][];
  /**
   * For each shard, whether its index must be written (false: it is the previous shard `from[n]` as it was,
   * its files carried).
   */
  touched: boolean[];
  /** For each shard, the previous shard it continues, or null for a new one. */
  from: Array<number | null>;
};

/**
 * The base's shards for `slugs` (sorted), from the shards of the previous base (null: none) and the slugs
 * whose record changed since (`changed`, including the new ones).
 */
export function planShards(
  slugs: readonly string[],
  previous: ReadonlyArray<readonly string[]> | null,
  changed: ReadonlySet<string>,
  shardSize: number = SHARD_SIZE,
): ShardPlan {
  if (!previous) {
    const shards = Array.from({ length: Math.ceil(slugs.length / shardSize) }, (_, n) => slugs.slice(n * shardSize, (n + 1) * shardSize));
    return { shards, touched: shards.map(() => true), from: shards.map(() => null) };
  }
  const present = new Set(slugs);
  const placed = new Set(previous.flat());
  const shards: string[][] = [];
  const touched: boolean[] = [];
  const from: Array<number | null> = [];
  previous.forEach((shard, n) => {
    const kept = shard.filter((slug) => present.has(slug));
    if (!kept.length) return;
    shards.push(kept);
    touched.push(kept.length !== shard.length || kept.some((slug) => changed.has(slug)));
    from.push(n);
  });
  for (const slug of slugs.filter((slug) => !placed.has(slug))) {
    if (!shards.length || shards[shards.length - 1].length >= shardSize) {
      shards.push([]);
      touched.push(true);
      from.push(null);
    }
    shards[shards.length - 1].push(slug);
    touched[touched.length - 1] = true;
  }
  return { shards, touched, from };
}
