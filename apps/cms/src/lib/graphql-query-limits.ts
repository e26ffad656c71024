import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNullableType,
  GraphQLError,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { limitError, refusal, type GraphqlLimits, type LimitName } from './graphql-limits';

/**
 * The limits Apollo applies to a parsed document, before anything executes: aliases, depth and directives
 * as validation rules (graphql-armor), and the cost of the operation once its variables are known
 * (graphql-query-complexity). The text-only limits run earlier, in src/middlewares/graphql-guard.ts.
 */

/** The page sizes Strapi's GraphQL plugin applies to list fields (its `defaultLimit` and `maxLimit`). */
export type ListSizes = { defaultLimit: number; maxLimit: number };

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * How many items a field with a `pagination` argument may return, as Strapi will read it: `pageSize`, else
 * `limit`, else the default page; never more than `maxLimit`. Strapi reads `limit: -1` as "as many as
 * allowed", so anything below 1 counts as the maximum (counting too much is the safe side).
 */
export function listSize(args: Record<string, unknown>, sizes: ListSizes): number {
  const pagination = args.pagination;
  if (!isPlainObject(pagination)) return sizes.defaultLimit;
  const asked = [pagination.pageSize, pagination.limit].filter((value): value is number => typeof value === 'number');
  if (asked.length === 0) return sizes.defaultLimit;
  const largest = Math.max(...asked);
  return largest < 1 ? sizes.maxLimit : Math.min(largest, sizes.maxLimit);
}

/**
 * Cost of one field: 1 for itself plus its selections, all of it once per item the field may return.
 * - A field with a `pagination` argument (a collection, a relation, a `_connection`) returns up to its page.
 * - `nodes` of a `…ResponseCollection` is the page its parent already counted.
 * - Any other list (none of Strapi's public ones page) counts as a full page of `maxLimit` items.
 * - `__schema` and `__type` cost 1: introspection reads no content, and its size is bounded by the
 *   introspection-lists limit checked before Apollo. The schema's field definition decides, so an alias,
 *   operation or fragment named `__schema` is costed like anything else.
 */
export function costEstimator(sizes: ListSizes): ComplexityEstimator {
  return ({ field, type, args, childComplexity }) => {
    if (field.name === '__schema' || field.name === '__type') return 1;
    let items = 1;
    if (field.args.some((arg) => arg.name === 'pagination')) items = listSize(args, sizes);
    else if (isListType(getNullableType(field.type)) && !type.name.endsWith('ResponseCollection')) items = sizes.maxLimit;
    return items * (1 + childComplexity);
  };
}

/** The cost of the operation `operationName` (or the only one) of `document` with `variables`. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  sizes: ListSizes,
  variables: Record<string, unknown> = {},
  operationName?: string,
): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: [costEstimator(sizes)], maxQueryNodes: Infinity });
}

/**
 * graphql-armor's rules say "Syntax Error: Aliases limit of 30 exceeded, found 101."; agencies get the
 * portal's one wording instead, reported to the validation context so that Apollo answers a 400 (thrown,
 * it would be a 500).
 */
function reportAs(limit: LimitName, allowed: number) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    const refused = limitError(refusal(limit, allowed, found === undefined ? undefined : Number(found)));
    if (!context) throw refused;
    context.reportError(refused);
  };
}

/** Validation rules for aliases, depth and directives (graphql-armor 3.2's max-aliases, max-depth, max-directives). */
export function queryLimitRules(limits: Pick<GraphqlLimits, 'maxAliases' | 'maxDepth' | 'maxDirectives'>): ValidationRule[] {
  return [
    // Every alias counts: graphql-armor's default lets any number of aliased `__typename` through.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], propagateOnRejection: false, onReject: [reportAs('aliases', limits.maxAliases)] }),
    maxDepthRule({
      n: limits.maxDepth,
      // Counts levels of fields: `...Fragment` and `... on Type` add none, so a query means the same depth
      // written with fragments or without.
      flattenFragments: true,
      // The `__schema` field (only the field: 2.4.2 fixed the bypass by naming an operation or fragment
      // `__schema`) is left to the introspection-lists limit; the standard introspection query is 15 deep.
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [reportAs('depth', limits.maxDepth)],
    }),
    maxDirectivesRule({ n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportAs('directives', limits.maxDirectives)] }),
  ];
}

/** graphql-depth-limit's message (the rule Strapi always adds): "'Name' exceeds maximum operation depth of 10". */
const STRAPI_DEPTH_MESSAGE = /exceeds maximum operation depth of \d+$/;

/**
 * The Apollo plugin: refuses an operation whose cost is over `maxCost` once its variables are known (the
 * client's page size arrives as a variable), and keeps one depth error where Strapi's own depth rule adds a
 * second one for the same query.
 */
export function queryLimitsPlugin(limits: Pick<GraphqlLimits, 'maxCost'>, sizes: ListSizes): ApolloServerPlugin {
  return {
    // Apollo's hooks return promises; nothing here waits on anything.
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, document, request, operation }) => {
          // Without a resolved operation Apollo executes nothing and answers the error itself.
          if (!operation) return Promise.resolve();
          let cost: number;
          try {
            cost = queryCost(schema, document, sizes, request.variables ?? {}, operation.name?.value);
          } catch (error) {
            // Variables the operation cannot take: the same message graphql gives, as a 400 (thrown plainly
            // from this hook it would be a 500).
            const message = error instanceof Error ? error.message : String(error);
            throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
          if (cost > limits.maxCost) throw limitError(refusal('cost', limits.maxCost, cost), 400);
          return Promise.resolve();
        },
        willSendResponse: ({ response }) => {
          if (response.body.kind === 'single') {
            const { singleResult } = response.body;
            const errors = singleResult.errors;
            if (errors?.some((error) => error.extensions?.limit === 'depth')) {
              singleResult.errors = errors.filter((error) => !STRAPI_DEPTH_MESSAGE.test(error.message));
            }
          }
          return Promise.resolve();
        },
      }),
  };
}
