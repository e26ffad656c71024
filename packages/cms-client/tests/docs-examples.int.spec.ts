import { readFile } from 'node:fs/promises';
import { bootSeededCms, graphql, type Cms } from 'cms/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';

/**
 * Every GraphQL example of docs/api.md, run against a real seeded CMS as an agency would paste it. A block's
 * `# Variables: {…}` comment line holds the variables it is run with.
 */

type Example = { name: string; query: string; variables: Record<string, unknown> };

let cms: Cms;
let examples: Example[];

beforeAll(async () => {
  const docs = await readFile(new URL('../../../docs/api.md', import.meta.url), 'utf8');
  examples = [...docs.matchAll(/```graphql\n([\s\S]*?)```/g)].map(([, query], index) => {
    const variables = /^# Variables: (.+)$/m.exec(query)?.[1];
    const operation = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
    return { name: operation ?? `example ${index + 1}`, query, variables: variables ? (JSON.parse(variables) as Record<string, unknown>) : {} };
  });
  cms = await bootSeededCms();
});

afterAll(async () => {
  await cms?.stop();
});

it('docs/api.md has the examples of each kind it describes', () => {
  expect(examples.length).toBeGreaterThanOrEqual(8);
  const text = examples.map((example) => example.query).join('\n');
  for (const part of ['searchText', 'category: { slug', 'author: { slug', 'publishedAt: { gte', 'total']) expect(text).toContain(part);
  // Every block is one valid GraphQL document, with variables for each one it declares.
  for (const example of examples) {
    const declared = [...example.query.matchAll(/\$(\w+)\s*:/g)].map(([, name]) => name);
    expect(Object.keys(example.variables).sort(), example.name).toEqual([...new Set(declared)].sort());
    expect(() => parse(example.query), example.name).not.toThrow();
  }
});

it('every GraphQL example of docs/api.md answers without errors', async () => {
  for (const example of examples) {
    const result = await graphql(cms, example.query, example.variables);
    expect(result.errors, `${example.name}: ${result.raw.slice(0, 500)}`).toBeUndefined();
    expect(result.status, example.name).toBe(200);
    expect(result.data, example.name).toBeTruthy();
  }
});
