import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

/**
 * Apollo installs its cache-control plugin unless told otherwise. It computes a cache policy from
 * `@cacheControl` hints field by field — a hook on every field of every answer, which makes Apollo wrap
 * every resolver of the schema (~5 % of a page of 100 articles) — and with no hints (Strapi's schema has
 * none, nothing here sets any) and its default max age of 0 every answer ends uncacheable:
 * `cache-control: no-store`. These plugins turn it off and send that header directly, on every answer,
 * as it did. What may be cached is the response cache's business (src/lib/response-cache), not Apollo's.
 */
export const noStoreAnswers: ApolloServerPlugin[] = [
  ApolloServerPluginCacheControlDisabled(),
  {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response }) => {
          response.http.headers.set('cache-control', 'no-store');
          return Promise.resolve();
        },
      }),
  },
];
