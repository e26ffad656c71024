import type { Article } from '@portal/cms-client';
import { siteContent } from './content';
import { articlesByAuthor, articlesInCategory, PER_PAGE } from './listings';
import { pageCount, pageHref, pageSlice } from './pagination';
import { selectPaths } from './route-filter';
import { paths } from './site';

/** One page of a category or author listing, as the ListingPage component shows it. */
export type ListingProps = {
  heading: string;
  description?: string | null;
  base: string;
  page: number;
  pages: number;
  articles: Article[];
};

type Listing = { slug: string; heading: string; description?: string | null; articles: Article[]; base: string };

function paginate(listings: Listing[], firstPageOnly: boolean) {
  return listings.flatMap((listing) => {
    const pages = pageCount(listing.articles.length, PER_PAGE);
    const numbers = firstPageOnly ? [1] : Array.from({ length: pages - 1 }, (_, i) => i + 2);
    return numbers.map((page) => ({
      params: firstPageOnly ? { slug: listing.slug } : { slug: listing.slug, page: String(page) },
      props: {
        heading: listing.heading,
        description: listing.description,
        base: listing.base,
        page,
        pages,
        articles: pageSlice(listing.articles, page, PER_PAGE),
      } satisfies ListingProps,
    }));
  });
}

type ListingPath = ReturnType<typeof paginate>[number];

const listingUrl = (path: ListingPath) => pageHref(path.props.base, path.props.page);

/** Static paths of category listings: page 1 at /chuyen-muc/<slug>/, later pages under trang/<n>/. */
export async function categoryListingPaths(firstPageOnly: boolean) {
  const { articles, categories } = await siteContent();
  const all = paginate(
    categories.filter((c) => c.slug).map((category) => ({
      slug: category.slug,
      heading: category.name,
      description: category.description,
      articles: articlesInCategory(articles, { slug: category.slug }),
      base: paths.category(category.slug),
    })),
    firstPageOnly,
  );
  return selectPaths(`category-${firstPageOnly}`, all, listingUrl, (p) => p.params.slug, (affected) => affected.categories);
}

/** Static paths of author listings, paged like categories. */
export async function authorListingPaths(firstPageOnly: boolean) {
  const { articles, authors } = await siteContent();
  const all = paginate(
    authors.filter((a) => a.slug).map((author) => ({
      slug: author.slug,
      heading: `Tác giả: ${author.name}`,
      description: author.bio,
      articles: articlesByAuthor(articles, author.slug),
      base: paths.author(author.slug),
    })),
    firstPageOnly,
  );
  return selectPaths(`author-${firstPageOnly}`, all, listingUrl, (p) => p.params.slug, (affected) => affected.authors);
}

