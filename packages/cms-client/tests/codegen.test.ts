import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { generateClientCode, generatedFile } from '../codegen';

it('src/generated/graphql.ts is what codegen makes of schema.graphql and src/queries', async () => {
  const [expected, committed] = await Promise.all([generateClientCode(), readFile(generatedFile, 'utf8')]);
  // A plain equality check, not toEqual: a diff of two 60-line files of one-line types helps nobody.
  if (committed !== expected) {
    expect.fail('src/generated/graphql.ts is out of date: run `pnpm --filter @portal/cms-client generate` and commit the result');
  }
});
