import {
  buildSchema,
  GraphQLError,
  Kind,
  KnownFragmentNamesRule,
  Lexer,
  NoFragmentCyclesRule,
  parse,
  Source,
  TokenKind,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { limitError, refusal, type GraphqlLimits } from './graphql-limits';

/**
 * The checks a GraphQL document gets before Apollo sees it, from its text alone (no schema): size, tokens,
 * fragment cycles and unknown fragments, fields once fragments are expanded, and nesting of introspection
 * lists.
 *
 * Why before Apollo: Strapi's GraphQL plugin always adds graphql-depth-limit to Apollo's validation rules,
 * and that rule walks fragments without remembering any: a cycle (`...A` in B, `...B` in A) recurses until
 * the stack overflows (a 500), a spread of a fragment that does not exist throws (a 500), and fragments that spread the next one twice (`...F1 ...F1` in F0, and so on)
 * take 2^n steps (a 1 KB document held the server for 30 s). Apollo runs it before any other rule and
 * before any plugin hook that can answer cleanly, so such documents are refused here instead.
 */

/** Fields below `__schema`/`__type` that return lists: each nesting of them multiplies the answer's size. */
const INTROSPECTION_LISTS = new Set(['types', 'directives', 'fields', 'args', 'inputFields', 'interfaces', 'possibleTypes', 'enumValues']);
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** The fragment rules only look at fragments; validate() wants some schema to run them with. */
let fragmentSchema: ReturnType<typeof buildSchema> | undefined;

/** Counts the document's tokens the way graphql's parser does (comments skipped); undefined on a lexing error. */
export function countTokens(source: string): number | undefined {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    return undefined; // a syntax error: Apollo's parser reports it with its position
  }
  return count;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * Fields selected by every operation of the document, each fragment counted wherever it is spread.
 * Memoised per fragment, so `...F1 ...F1` chains cost one pass however large the count grows. Unknown
 * fragments count nothing (validation reports them).
 */
export function expandedFieldCount(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const count = (selectionSet: SelectionSetNode | undefined): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet);
      else {
        const name = selection.name.value;
        if (!memo.has(name)) {
          memo.set(name, 0); // a spread of the fragment inside itself counts nothing, so a cycle cannot recurse
          memo.set(name, count(fragments.get(name)?.selectionSet));
        }
        total += memo.get(name) ?? 0;
      }
    }
    return total;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += count(definition.selectionSet);
  }
  return total;
}

/**
 * The deepest nesting of introspection lists below any `__schema` or `__type` field. The standard
 * introspection query nests three (types → fields → args). graphql's own MaxIntrospectionDepthRule counts
 * only fields/interfaces/possibleTypes/inputFields, which still lets `types`, `args` and `enumValues`
 * multiply one another. Field names, not aliases, decide: an alias named `__schema` is not introspection.
 */
export function introspectionListDepth(document: DocumentNode): number {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, number>();
  const depth = (selectionSet: SelectionSetNode | undefined, inside: boolean): number => {
    let deepest = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (inside) deepest = Math.max(deepest, (INTROSPECTION_LISTS.has(name) ? 1 : 0) + depth(selection.selectionSet, true));
        else deepest = Math.max(deepest, depth(selection.selectionSet, INTROSPECTION_ROOTS.has(name)));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depth(selection.selectionSet, inside));
      } else {
        const key = `${inside ? 'in' : 'out'}:${selection.name.value}`;
        if (!memo.has(key)) {
          memo.set(key, 0); // as in expandedFieldCount: a cycle cannot recurse
          memo.set(key, depth(fragments.get(selection.name.value)?.selectionSet, inside));
        }
        deepest = Math.max(deepest, memo.get(key) ?? 0);
      }
    }
    return deepest;
  };
  let deepest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) deepest = Math.max(deepest, depth(definition.selectionSet, false));
  }
  return deepest;
}

type DocumentLimits = Pick<GraphqlLimits, 'maxDocumentBytes' | 'maxTokens' | 'maxFields' | 'maxIntrospectionLists'>;

/**
 * Runs every text-only check on `source`, cheapest first. Returns the error to answer with (400), or
 * undefined when the document may go on to Apollo, which validates it against the schema; a document that
 * does not parse goes on too, so that Apollo reports the syntax error with its position.
 */
export function checkDocument(source: string, limits: DocumentLimits): GraphQLError | undefined {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > limits.maxDocumentBytes) return limitError(refusal('documentBytes', limits.maxDocumentBytes, bytes));
  const tokens = countTokens(source);
  if (tokens === undefined) return undefined;
  if (tokens > limits.maxTokens) return limitError(refusal('tokens', limits.maxTokens, tokens));
  let document: DocumentNode;
  try {
    document = parse(source, { noLocation: true });
  } catch {
    return undefined;
  }
  // graphql's own rules and messages, run before Strapi's depth rule, which crashes on both (a 500).
  fragmentSchema ??= buildSchema('type Query { _: Boolean }');
  const [invalid] = validate(fragmentSchema, document, [NoFragmentCyclesRule, KnownFragmentNamesRule]);
  if (invalid) return new GraphQLError(invalid.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  const fields = expandedFieldCount(document);
  if (fields > limits.maxFields) return limitError(refusal('fields', limits.maxFields, fields));
  const lists = introspectionListDepth(document);
  if (lists > limits.maxIntrospectionLists) return limitError(refusal('introspectionLists', limits.maxIntrospectionLists, lists));
  return undefined;
}
