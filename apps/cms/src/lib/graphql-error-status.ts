import type { ApolloServerPlugin } from '@apollo/server';

/** The HTTP status of a request that got nothing but this kind of error, as REST answers the same request. */
const STATUS_BY_CODE: ReadonlyArray<[string, number]> = [
  ['BAD_USER_INPUT', 400],
  ['FORBIDDEN', 403],
];

type FormattedError = {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: unknown; error?: { details?: { errors?: Array<{ path?: unknown[] }> } } };
};

/** `filters[category][slug][$eq]` (how the CMS's filter checks name a filter) → `filters.category.slug.eq`. */
export function graphqlArgumentPath(restPath: string): string | null {
  const match = /^(\w+)((?:\[[^\]]*\])*)$/.exec(restPath);
  if (!match) return null;
  const parts = [...match[2].matchAll(/\[([^\]]*)\]/g)].map(([, part]) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/^\$/, '')}`));
  return `${match[1]}${parts.join('')}`;
}

/** Adds `(at articles(filters.category.slug.eq))` to a filter error raised while a field resolved. */
function nameTheArgument(error: FormattedError): void {
  const restPath = error.extensions?.error?.details?.errors?.[0]?.path?.[0];
  const field = [...(error.path ?? [])].reverse().find((part): part is string => typeof part === 'string');
  if (typeof restPath !== 'string' || !field || error.message.includes(' (at ')) return;
  const argument = graphqlArgumentPath(restPath);
  // Strapi's errors are GraphQLError objects, whose message is a plain writable property.
  if (argument) error.message = `${error.message} (at ${field}(${argument}))`;
}

/**
 * Apollo answers errors raised while resolving with HTTP 200. A request that got no data at all because an
 * argument was bad (a filter the CMS refuses, an unknown category) or because it was refused (a write with a
 * read-only token, drafts) gets the status REST gives the same request, 400 or 403, so that clients and
 * proxies see the failure without reading the body. Partial answers keep 200, as GraphQL intends.
 */
export const errorStatuses: ApolloServerPlugin = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse: ({ response }) => {
        if (response.body.kind !== 'single') return Promise.resolve();
        const { data, errors } = response.body.singleResult;
        if (!errors?.length) return Promise.resolve();
        for (const error of errors) nameTheArgument(error);
        const nothingAnswered = data === null || data === undefined || Object.values(data).every((value) => value === null);
        const codes = new Set(errors.map((error) => error.extensions?.code));
        const status = STATUS_BY_CODE.find(([code]) => codes.has(code))?.[1];
        if (nothingAnswered && status && (response.http.status ?? 200) === 200) response.http.status = status;
        return Promise.resolve();
      },
    }),
};
