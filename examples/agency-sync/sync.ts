/**
 * An agency's sync, to copy and adapt: every article of one category of the provincial portal, its
 * sub-categories included, published since a date, oldest first. Prints one line per article and, with
 * --out, writes them all to a JSON file.
 *
 *   CMS_URL=https://cms.example.gov.vn CMS_TOKEN=… npx tsx sync.ts --category tin-tuc --since 2026-01-01 [--until 2026-02-01] [--out tin-tuc.json]
 *
 * Exit code 0 when done, 1 when the CMS refused or could not be reached, 2 for a wrong command line.
 * Keep the publishedAt of the last article printed: the next run can start from it (--since is inclusive,
 * so that article comes once more; drop it by documentId).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CmsRequestError, CmsUnreachableError, createCmsClient, fetchArticlesOfCategorySince, toDateTime, type Article } from '@portal/cms-client';

const USAGE = 'Usage: tsx sync.ts --category <slug> --since <date> [--until <date>] [--out <file.json>]';

/** What this example keeps of an article; a real sync would keep the body (article.body, Strapi blocks) too. */
type Synced = {
  documentId: string;
  title: string;
  lead: string;
  publishedAt: string | null;
  category: string | null;
  author: string | null;
  /** The cover's full URL: the CMS gives media paths relative to itself. */
  cover: string | null;
};

function toSynced(article: Article, cmsUrl: string): Synced {
  return {
    documentId: article.documentId,
    title: article.title,
    lead: article.lead,
    publishedAt: article.publishedAt,
    category: article.category?.slug ?? null,
    author: article.author?.name ?? null,
    cover: article.cover ? new URL(article.cover.url, cmsUrl).href : null,
  };
}

function commandLine(): { category: string; since: string; until?: string; out?: string } {
  const { values } = parseArgs({
    options: { category: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (!values.category || !values.since) throw new TypeError(USAGE);
  // Checked here so that a typo is a usage error, not a request.
  toDateTime(values.since, '--since');
  if (values.until) toDateTime(values.until, '--until');
  return { category: values.category, since: values.since, until: values.until, out: values.out };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof commandLine>;
  try {
    options = commandLine();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  // CMS_URL and CMS_TOKEN from the environment; the token is optional, published content is public.
  const cms = createCmsClient();
  try {
    const articles = await fetchArticlesOfCategorySince(cms, options.category, options.since, { until: options.until });
    console.log(`${articles.length} articles in ${options.category} and its sub-categories since ${toDateTime(options.since, '--since')}`);
    for (const article of articles) console.log(`${article.publishedAt}\t${article.category?.slug ?? '-'}\t${article.title}`);
    if (options.out) {
      await writeFile(
        options.out,
        `${JSON.stringify(
          articles.map((article) => toSynced(article, cms.url)),
          null,
          2,
        )}\n`,
      );
      console.log(`Wrote ${options.out}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof CmsRequestError || error instanceof CmsUnreachableError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
