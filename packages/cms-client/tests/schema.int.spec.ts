import { readFile } from 'node:fs/promises';
import { bootSeededCms, graphql, type Cms } from 'cms/testing';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';

let cms: Cms;

// The schema does not depend on content; the seeded copy is used because bootEmptyCms leaves its
// temporary uploads folder behind.
beforeAll(async () => {
  cms = await bootSeededCms();
});

afterAll(async () => {
  await cms?.stop();
});

it('schema.graphql is the live CMS schema (printed as apps/cms/scripts/export-graphql-schema.ts does)', async () => {
  const result = await graphql<IntrospectionQuery>(cms, getIntrospectionQuery());
  expect(result.errors).toBeUndefined();
  const live = `${printSchema(lexicographicSortSchema(buildClientSchema(result.data!)))}\n`;
  const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
  if (committed !== live) {
    expect.fail('schema.graphql differs from the CMS content model: run `pnpm --filter @portal/cms-client generate` and commit both files');
  }
});
