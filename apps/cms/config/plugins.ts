import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Core } from '@strapi/strapi';
import { argumentPathsInErrors } from '../src/lib/graphql-argument-paths';
import { errorStatuses } from '../src/lib/graphql-error-status';
import { noStoreAnswers } from '../src/lib/graphql-no-store';
import type { GraphqlLimits } from '../src/lib/graphql-limits';
import { queryLimitRules, queryLimitsPlugin, type ListSizes } from '../src/lib/graphql-query-limits';
import { uploadProviderConfig } from '../src/uploads/provider';
import { uploadSettings } from '../src/uploads/settings';

/** Page sizes of GraphQL list fields: 25 unless asked; agencies page through collections 100 at a time at most. */
const listSizes: ListSizes = { defaultLimit: 25, maxLimit: 100 };

/**
 * What any GraphQL request may ask, refused (400, 413 for the body) before anything runs; docs/api.md
 * lists them for agencies. Measured against the client's queries (packages/cms-client/src) and the
 * standard introspection query; tests/query-limits.int.spec.ts runs both against these values.
 */
const queryLimits: GraphqlLimits = {
  /** Document and variables: the largest request the client sends (100 ids to ArticlesByIds) is ~4 KB. */
  maxBodyBytes: 64 * 1024,
  /** The largest document the client or an introspection tool sends is ~2 KB. */
  maxDocumentBytes: 16 * 1024,
  /** Largest legitimate document: the full introspection query, 184 tokens; ArticlesPage 136. */
  maxTokens: 2000,
  /** With fragments expanded; bounds what Strapi's depth rule walks (it does not remember fragments). */
  maxFields: 2000,
  /** The client uses none; 30 leaves room for a page that asks for several lists at once. */
  maxAliases: 30,
  /** article → relatedArticles → author → articles → category → … is 6; the client's deepest is 5. */
  maxDepth: 10,
  /** `@include` / `@skip` on optional fields; the client uses none. */
  maxDirectives: 20,
  /** The standard introspection query nests 3 (types → fields → args). */
  maxIntrospectionLists: 3,
  /**
   * The client's ArticlesPage (100 articles, each with up to 20 related articles) costs 14,200. The largest
   * shape allowed is a page of 100 with a list of 100 inside it and a few fields each: categories(100) {
   * name publishedAt articles(100) { title publishedAt } children { name publishedAt } } costs 37,800. A third level of lists is
   * refused: articles(100) → relatedArticles → author → articles(100) costs 505,100, and 30 aliases of a
   * 100-article list with its related articles 159,000.
   */
  maxCost: 50_000,
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      /** Apollo's sandbox outside production; in production no landing page at all (GET without a query is a 400). */
      landingPage: () => (env('NODE_ENV') === 'production' ? ApolloServerPluginLandingPageDisabled() : true),
      /**
       * Strapi's own depth rule (graphql-depth-limit), which it always adds; queryLimits.maxDepth refuses
       * first with the portal's message, and the guard keeps documents this rule cannot walk from it.
       */
      depthLimit: queryLimits.maxDepth,
      ...listSizes,
      /** Read by src/middlewares/graphql-guard.ts, which checks size, tokens and fragments before Apollo. */
      queryLimits,
      apolloServer: {
        introspection: true,
        /** The GraphQL plugin's own body parser (Strapi reads it from here), behind the guard: JSON only, within the same size. */
        bodyParserConfig: { enableTypes: ['json'], jsonLimit: queryLimits.maxBodyBytes },
        /** Errors never carry stack traces, whatever NODE_ENV says. */
        includeStacktraceInErrorResponses: false,
        /**
         * Answers as compact JSON. Apollo's default indents them two spaces a level: a page of 100 articles
         * a third larger on the wire and slower to write and to parse, for whitespace nobody reads.
         */
        stringifyResult: (value: unknown) => JSON.stringify(value),
        /** graphql's parser stops past this many tokens (the guard counts them before; this is in case it is bypassed). */
        parseOptions: { maxTokens: queryLimits.maxTokens },
        /** Aliases, depth and directives; Strapi's config merge appends these to its depth rule. */
        validationRules: queryLimitRules(queryLimits),
        /**
         * Type errors in arguments name the argument and filter they are in; the cost limit; a request that
         * got nothing but a bad-argument or refusal error is answered 400 or 403, as over REST; `no-store`
         * without Apollo's per-field cache-policy hook.
         */
        plugins: [argumentPathsInErrors, queryLimitsPlugin(queryLimits, listSizes), errorStatuses, ...noStoreAnswers],
      },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
      jwtManagement: 'refresh',
      sessions: {
        httpOnly: true,
      },
    },
  },
  upload: {
    config: {
      /** Local files under <PUBLIC_DIR>/uploads, or an S3 bucket with UPLOAD_PROVIDER=s3 (src/uploads/settings.ts). */
      ...uploadProviderConfig(uploadSettings(process.env)),
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 20 * 1024 * 1024),
      /** Widths offered to readers' browsers in srcset. */
      breakpoints: { large: 1200, medium: 800, small: 480 },
      security: {
        allowedTypes: ['image/*', 'application/pdf'],
        deniedTypes: ['image/svg+xml'],
      },
    },
  },
});

export default config;
