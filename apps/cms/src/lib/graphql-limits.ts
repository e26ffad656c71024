import { GraphQLError } from 'graphql';

/**
 * The limits every GraphQL request is held to before anything runs. Values live in config/plugins.ts
 * (`graphql.config.queryLimits`), where each one is explained; docs/api.md lists them for agencies.
 */
export type GraphqlLimits = {
  /** Bytes of a POST body (document and variables together); over it the request is a 413, unread. */
  maxBodyBytes: number;
  /** Bytes of the GraphQL document itself (POST or GET). */
  maxDocumentBytes: number;
  /** Lexical tokens of the document (names, punctuation, values; comments are not tokens). */
  maxTokens: number;
  /** Fields selected, counted with every fragment spread expanded where it is used. */
  maxFields: number;
  /** Aliased fields (`a1: articles`) in one operation. */
  maxAliases: number;
  /** Levels of nested selections. */
  maxDepth: number;
  /** Directives (`@include`, `@skip`) in one operation. */
  maxDirectives: number;
  /** Introspection lists (types, fields, args, …) nested inside one another below `__schema` or `__type`. */
  maxIntrospectionLists: number;
  /** Cost of one operation: each field 1, a list field's selections once per item it may return. */
  maxCost: number;
};

export type LimitName = 'bodyBytes' | 'documentBytes' | 'tokens' | 'fields' | 'aliases' | 'depth' | 'directives' | 'introspectionLists' | 'cost';

/** What an agency is told when a request goes over a limit: the message names the limit and its value. */
export type LimitRefusal = { limit: LimitName; allowed: number; found?: number; message: string };

/** A count for a message: exact when it is one, "more than N" when it is too large to print usefully. */
export function countText(found: number | undefined, allowed: number): string {
  return found !== undefined && Number.isSafeInteger(found) ? String(found) : `more than ${allowed}`;
}

/** `Query has 101 aliases; at most 30 are allowed` and its siblings, in one wording for every limit. */
export function refusal(limit: LimitName, allowed: number, found?: number): LimitRefusal {
  const count = countText(found, allowed);
  const known = found !== undefined && Number.isSafeInteger(found) ? found : undefined;
  const messages: Record<LimitName, string> = {
    bodyBytes: `Request body has ${count} bytes; at most ${allowed} are allowed`,
    documentBytes: `Query document has ${count} bytes; at most ${allowed} are allowed`,
    tokens: `Query has ${count} tokens; at most ${allowed} are allowed`,
    fields: `Query has ${count} fields once its fragments are expanded; at most ${allowed} are allowed`,
    aliases: `Query has ${count} aliases; at most ${allowed} are allowed`,
    depth: `Query is ${count} levels deep; at most ${allowed} are allowed`,
    directives: `Query has ${count} directives; at most ${allowed} are allowed`,
    introspectionLists: `Introspection query nests ${count} lists; at most ${allowed} are allowed`,
    cost: `Query costs ${count} (each field 1, a list's fields once per item it may return); at most ${allowed} is allowed`,
  };
  return { limit, allowed, ...(known === undefined ? {} : { found: known }), message: messages[limit] };
}

/**
 * The GraphQL error for a refusal. `extensions.limit` (with `allowed` and, when counted, `found`) lets a
 * program tell which limit it met; the code is the one of GraphQL validation errors, since the document was
 * refused before anything ran.
 */
export function limitError(refused: LimitRefusal, httpStatus?: number): GraphQLError {
  const { message, ...details } = refused;
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...details, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}

/** Checks that every limit is a positive whole number, so that a typo in the config stops the start. */
export function assertLimits(limits: unknown): asserts limits is GraphqlLimits {
  const names: Array<keyof GraphqlLimits> = [
    'maxBodyBytes',
    'maxDocumentBytes',
    'maxTokens',
    'maxFields',
    'maxAliases',
    'maxDepth',
    'maxDirectives',
    'maxIntrospectionLists',
    'maxCost',
  ];
  if (typeof limits !== 'object' || limits === null) throw new Error('graphql.config.queryLimits is missing (config/plugins.ts)');
  for (const name of names) {
    const value = (limits as Record<string, unknown>)[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new Error(`graphql.config.queryLimits.${name} must be a positive whole number (got ${String(value)})`);
    }
  }
}
