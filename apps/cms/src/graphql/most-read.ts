import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { counterDb, lastDays } from '../lib/counters';
import { mostRead } from '../lib/counters/database';

const ARTICLE = 'api::article.article';
const LIMITS = { limit: { min: 1, max: 20, default: 5 }, days: { min: 1, max: 31, default: 7 } } as const;

type Nexus = {
  extendType(config: { type: string; definition(t: NexusDefinition): void }): unknown;
  intArg(config: { default: number; description: string }): unknown;
};
type NexusDefinition = {
  nonNull: { list: { nonNull: { field(name: string, config: Record<string, unknown>): void } } };
};
type GraphqlExtensions = { use(extension: (context: { nexus: Nexus }) => Record<string, unknown>): void };

function checked(name: keyof typeof LIMITS, value: unknown): number {
  const { min, max } = LIMITS[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new errors.ValidationError(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return value;
}

/**
 * `mostReadArticles(limit: 5, days: 7)`: "Đọc nhiều", the published articles with the most views over the
 * last days (today included, Vietnam time), most first — the counters' daily rows (lib/counters). Readable
 * by whoever may read articles; the site's build takes its fallback list from it.
 */
export function registerMostReadQuery(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service<GraphqlExtensions>('extension').use(({ nexus }) => ({
    types: [
      nexus.extendType({
        type: 'Query',
        definition(t) {
          t.nonNull.list.nonNull.field('mostReadArticles', {
            type: 'Article',
            description: 'The published articles most read over the last `days` days (today included, Vietnam time), most first ("Đọc nhiều").',
            args: {
              limit: nexus.intArg({ default: LIMITS.limit.default, description: `How many (${LIMITS.limit.min}–${LIMITS.limit.max}).` }),
              days: nexus.intArg({ default: LIMITS.days.default, description: `Over how many days (${LIMITS.days.min}–${LIMITS.days.max}).` }),
            },
            async resolve(_parent: unknown, args: { limit?: unknown; days?: unknown }) {
              const limit = checked('limit', args.limit ?? LIMITS.limit.default);
              const days = checked('days', args.days ?? LIMITS.days.default);
              const ranked = await mostRead(counterDb(strapi), lastDays(Date.now(), days), limit);
              if (ranked.length === 0) return [];
              const articles = (await strapi.documents(ARTICLE).findMany({
                filters: { documentId: { $in: ranked.map((entry) => entry.documentId) } },
                status: 'published',
              })) as Array<{ documentId: string }>;
              const byId = new Map(articles.map((article) => [article.documentId, article]));
              return ranked.flatMap((entry) => byId.get(entry.documentId) ?? []);
            },
          });
        },
      }),
    ],
    resolversConfig: { 'Query.mostReadArticles': { auth: { scope: [`${ARTICLE}.find`] } } },
  }));
}
