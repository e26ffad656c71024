import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { breakingChanges, breakingChangesMessage } from './helpers/contract';

const COMMITTED = `
  type Article { title: String!, lead: String, views: Int }
  type Query { articles(pageSize: Int, category: String): [Article]! }
`;

describe('the contract check', () => {
  it('reports a removed field and a changed argument type, and the message says how to change the file on purpose', () => {
    const live = buildSchema(`
      type Article { title: String!, views: Int }
      type Query { articles(pageSize: String, category: String): [Article]! }
    `);
    const changes = breakingChanges(COMMITTED, live);
    expect(changes.map((change) => change.type).sort()).toEqual(['ARG_CHANGED_KIND', 'FIELD_REMOVED']);
    const message = breakingChangesMessage(changes);
    expect(message).toContain('2 breaking changes');
    expect(message).toContain('FIELD_REMOVED: Article.lead was removed.');
    expect(message).toContain('ARG_CHANGED_KIND: Query.articles arg pageSize has changed type from Int to String.');
    expect(message).toContain('pnpm --filter @portal/cms-client generate');
    expect(message).toContain('docs/api.md');
  });

  it('reports a field made nullable in a result and a new required argument', () => {
    const live = buildSchema(`
      type Article { title: String, lead: String, views: Int }
      type Query { articles(pageSize: Int, category: String, agency: String!): [Article]! }
    `);
    expect(
      breakingChanges(COMMITTED, live)
        .map((change) => change.type)
        .sort(),
    ).toEqual(['FIELD_CHANGED_KIND', 'REQUIRED_ARG_ADDED']);
  });

  it('lets additions through: a new field, type, optional argument or query', () => {
    const live = buildSchema(`
      type Article { title: String!, lead: String, views: Int, searchable: Boolean }
      type Author { name: String }
      type Query { articles(pageSize: Int, category: String, author: String): [Article]!, authors: [Author] }
    `);
    expect(breakingChanges(COMMITTED, live)).toEqual([]);
  });
});
