import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Core } from '@strapi/strapi';
import { argumentPathsInErrors } from '../src/lib/graphql-argument-paths';
import { errorStatuses } from '../src/lib/graphql-error-status';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      /** Apollo's sandbox outside production; in production no landing page at all (GET without a query is a 400). */
      landingPage: () => (env('NODE_ENV') === 'production' ? ApolloServerPluginLandingPageDisabled() : true),
      /** article → relatedArticles → author → articles → category → … is 6; 10 leaves room, blocks abuse. */
      depthLimit: 10,
      defaultLimit: 25,
      /** Agencies page through collections 100 at a time at most. */
      maxLimit: 100,
      apolloServer: {
        introspection: true,
        /** Errors never carry stack traces, whatever NODE_ENV says. */
        includeStacktraceInErrorResponses: false,
        /**
         * Type errors in arguments name the argument and filter they are in; a request that got nothing but
         * a bad-argument or refusal error is answered 400 or 403, as over REST.
         */
        plugins: [argumentPathsInErrors, errorStatuses],
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
