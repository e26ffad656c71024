import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedColumns } from '../src/graphql/relation-resolvers';

const attributes = {
  title: { type: 'string' },
  slug: { type: 'uid' },
  body: { type: 'blocks' },
  publishedAt: { type: 'datetime' },
  views: { type: 'integer' },
  author: { type: 'relation' },
  relatedArticles: { type: 'relation' },
  cover: { type: 'media' },
  seo: { type: 'component' },
};

/** The fieldNodes GraphQL hands the resolver of `relatedArticles` in `document`, and its fragments. */
function nodesOf(document: string): { nodes: FieldNode[]; fragments: Record<string, FragmentDefinitionNode> } {
  const parsed = parse(document);
  const operation = parsed.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const root = operation?.selectionSet.selections[0] as FieldNode;
  const nodes = (root.selectionSet?.selections ?? []).filter(
    (selection): selection is FieldNode => selection.kind === Kind.FIELD && selection.name.value === 'relatedArticles',
  );
  return { nodes, fragments };
}

describe('the columns a relation’s rows are read with', () => {
  it('are the scalar fields asked for, with documentId, sorted', () => {
    const { nodes, fragments } = nodesOf('{ articles { relatedArticles { title slug __typename publishedAt } } }');
    expect(selectedColumns(attributes, nodes, fragments)).toEqual(['documentId', 'publishedAt', 'slug', 'title']);
  });

  it('leave out relations, media and components, which need only the row id', () => {
    const { nodes, fragments } = nodesOf(
      '{ articles { relatedArticles { title author { name } cover { url } seo { metaTitle } relatedArticles_connection { nodes { body } } } } }',
    );
    expect(selectedColumns(attributes, nodes, fragments)).toEqual(['documentId', 'title']);
  });

  it('follow named and inline fragments, and every node of a field asked twice', () => {
    const { nodes, fragments } = nodesOf(
      'query { articles { relatedArticles { ...Card } relatedArticles { ... on Article { views } } } } fragment Card on Article { slug ...Deeper } fragment Deeper on Article { body }',
    );
    expect(selectedColumns(attributes, nodes, fragments)).toEqual(['body', 'documentId', 'slug', 'views']);
  });

  it('keep fields under @skip and @include, so the set is never too small', () => {
    const { nodes, fragments } = nodesOf('{ articles { relatedArticles { title body @skip(if: true) views @include(if: false) } } }');
    expect(selectedColumns(attributes, nodes, fragments)).toEqual(['body', 'documentId', 'title', 'views']);
  });

  it('are every column when a field is not an attribute, or a fragment is missing', () => {
    expect(selectedColumns(attributes, nodesOf('{ articles { relatedArticles { title readingTime } } }').nodes)).toBeUndefined();
    expect(selectedColumns(attributes, nodesOf('{ articles { relatedArticles { ...Missing } } }').nodes, {})).toBeUndefined();
  });
});
