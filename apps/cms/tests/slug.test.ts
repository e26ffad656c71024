import { describe, expect, it } from 'vitest';
import { firstFreeSlug, MAX_SLUG_LENGTH, slugify } from '../src/lib/slug';
import { TITLE_SLUGS } from './fixtures/vietnamese-titles';

describe('slugify', () => {
  it.each(TITLE_SLUGS)('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('cuts long titles at a word boundary', () => {
    const title = 'Tăng cường công tác phòng, chống thiên tai, tìm kiếm cứu nạn '.repeat(6);
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slugify(title).startsWith('tang-cuong-cong-tac-phong-chong-thien-tai')).toBe(true);
    expect(slug.endsWith('-')).toBe(false);
    expect(slugify(title.replace(/ /g, '-')).length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
  });
});

describe('firstFreeSlug', () => {
  it('keeps a free slug and numbers clashes from 2', () => {
    expect(firstFreeSlug('tin-moi', [])).toBe('tin-moi');
    expect(firstFreeSlug('tin-moi', ['tin-moi'])).toBe('tin-moi-2');
    expect(firstFreeSlug('tin-moi', ['tin-moi', 'tin-moi-2', 'tin-moi-4'])).toBe('tin-moi-3');
  });
});
