import { readFile } from 'node:fs/promises';
import { bootSeededCms, graphql, type Cms } from 'cms/testing';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { breakingChanges, breakingChangesMessage } from './helpers/contract';

let cms: Cms;
let live: GraphQLSchema;
let committed: string;

// The schema does not depend on content; the seeded copy is used because bootEmptyCms leaves its
// temporary uploads folder behind.
beforeAll(async () => {
  cms = await bootSeededCms();
  const result = await graphql<IntrospectionQuery>(cms, getIntrospectionQuery());
  expect(result.errors).toBeUndefined();
  live = buildClientSchema(result.data!);
  committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
});

afterAll(async () => {
  await cms?.stop();
});

// Checked first and on its own: a breaking change is the failure agencies would feel, and its message
// lists what breaks rather than only saying the file differs.
it('the live CMS schema makes no breaking change to the contract, schema.graphql', () => {
  const changes = breakingChanges(committed, live);
  if (changes.length > 0) expect.fail(breakingChangesMessage(changes));
});

it('schema.graphql is the live CMS schema (printed as apps/cms/scripts/export-graphql-schema.ts does)', () => {
  const printed = `${printSchema(lexicographicSortSchema(live))}\n`;
  if (committed !== printed) {
    expect.fail('schema.graphql differs from the CMS content model: run `pnpm --filter @portal/cms-client generate` and commit both files');
  }
});
