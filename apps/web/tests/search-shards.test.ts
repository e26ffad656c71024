/** The plan of the search index's base shards (integrations/search-shards.ts): which shard holds which article, which are written. */
import { describe, expect, it } from 'vitest';
import { planShards } from '../src/integrations/search-shards';

const slugs = (count: number, from = 0) => Array.from({ length: count }, (_, n) => `s${String(from + n).padStart(3, '0')}`);

describe('planShards', () => {
  it('cuts the articles in slug order every shardSize, all written, without a previous base', () => {
    expect(planShards(slugs(7), null, new Set(), 3)).toEqual({
      shards: [slugs(3), slugs(3, 3), slugs(1, 6)],
      touched: [true, true, true],
      from: [null, null, null],
    });
    expect(planShards([], null, new Set(), 3).shards).toEqual([]);
  });

  it('keeps every article in its shard and writes only the shards with a change or a removal', () => {
    const previous = [slugs(3), slugs(3, 3), slugs(3, 6)];
    const plan = planShards([...slugs(4), ...slugs(4, 5)], previous, new Set(['s001']), 3);
    expect(plan.shards).toEqual([slugs(3), ['s003', 's005'], slugs(3, 6)]);
    expect(plan.touched).toEqual([true, true, false]);
    expect(plan.from).toEqual([0, 1, 2]);
  });

  it('fills the last shard with new articles, then opens new ones', () => {
    const previous = [slugs(3), slugs(2, 3)];
    const plan = planShards(slugs(9), previous, new Set(slugs(4, 5)), 3);
    expect(plan.shards).toEqual([slugs(3), slugs(3, 3), slugs(3, 6)]);
    expect(plan.touched).toEqual([false, true, true]);
    expect(plan.from).toEqual([0, 1, null]);
  });

  it('leaves out an emptied shard; the others are carried as they were, the first one included', () => {
    const previous = [slugs(2), slugs(2, 2), slugs(2, 4)];
    const plan = planShards(slugs(4, 2), previous, new Set(), 2);
    expect(plan.shards).toEqual([slugs(2, 2), slugs(2, 4)]);
    expect(plan.touched).toEqual([false, false]);
    expect(plan.from).toEqual([1, 2]);
  });
});
