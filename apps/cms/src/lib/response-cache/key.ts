import { createHash } from 'node:crypto';
import { Kind, OperationTypeNode, parse, print, type DocumentNode } from 'graphql';

/**
 * Cache keys of the public API's responses. A key exists only for a read whose answer depends on nothing
 * but the request's text and the caller's class; anything else (a mutation, a document that does not
 * parse, a body of another shape) has none and is never cached.
 */

/** Who may share a cached answer: everyone without credentials, or every read-only API token. */
export type CallerClass = 'anonymous' | 'read-only';

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are one key. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${stableJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const digest = (parts: unknown[]) => createHash('sha256').update(stableJson(parts)).digest('base64url');

function onlyQueries(document: DocumentNode): boolean {
  return document.definitions.every(
    (definition) => definition.kind !== Kind.OPERATION_DEFINITION || definition.operation === OperationTypeNode.QUERY,
  );
}

/**
 * The key of a GraphQL POST body (`{ query, variables?, operationName? }`), or null when it must not be
 * cached. The document is parsed and printed again, so spacing, commas and comments do not split keys.
 */
export function graphqlKey(caller: CallerClass, body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string') return null;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return null; // GraphQL answers it with its syntax error
  }
  if (!onlyQueries(document)) return null;
  return digest([caller, 'graphql', print(document), operationName ?? null, variables ?? {}]);
}

/**
 * The key of a REST GET: the path and its query parameters, sorted by name (the order of repeated names,
 * such as `sort[0]`/`sort[1]` or `a=1&a=2`, is kept: it can change the answer).
 */
export function restKey(caller: CallerClass, path: string, querystring: string): string {
  const params = [...new URLSearchParams(querystring)].map(([name, value], index) => ({ name, value, index }));
  params.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index));
  return digest([caller, 'rest', path, params.map(({ name, value }) => [name, value])]);
}
