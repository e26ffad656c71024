/**
 * Writes the CMS's public GraphQL schema (SDL, types sorted by name) to a file:
 * `pnpm --filter cms graphql:schema packages/cms-client/schema.graphql` (a path relative to where pnpm runs).
 * Boots the compiled CMS in-process on a throwaway SQLite database without demo content and asks it over
 * HTTP, as a reader would, so the file is exactly what clients see (the client package commits it).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootCms } from '../tests/helpers/cms';
import { APP_DIR, createTestDatabase } from '../tests/helpers/database';

/** The few graphql-js functions used here (the CMS has no direct graphql dependency to type them with). */
type GraphqlJs = {
  getIntrospectionQuery: () => string;
  buildClientSchema: (introspection: unknown) => unknown;
  lexicographicSortSchema: (schema: unknown) => unknown;
  printSchema: (schema: unknown) => string;
};

/**
 * The graphql-js copy Strapi's GraphQL plugin serves with: the CMS does not depend on graphql itself, and
 * printing with the server's own copy keeps the output identical to what the client package prints.
 */
const graphqlJs = createRequire(require.resolve('@strapi/plugin-graphql/package.json'))('graphql') as GraphqlJs;

/** Compiles the app: Strapi only loads dist/, and a content-type change must show up in the schema. */
function compileCms(): void {
  execFileSync(path.join(APP_DIR, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: APP_DIR, stdio: 'inherit' });
}

async function fetchIntrospection(url: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: graphqlJs.getIntrospectionQuery() }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  if (!response.ok || !body.data) {
    throw new Error(`Introspection failed (HTTP ${response.status}): ${body.errors?.map((e) => e.message).join('; ')}`);
  }
  return body.data;
}

/** Boots the CMS on an empty temporary database, reads its schema, and shuts it down again. */
async function exportSchema(output: string): Promise<void> {
  compileCms();
  const publicDir = await mkdtemp(path.join(tmpdir(), 'cms-schema-public-'));
  await mkdir(path.join(publicDir, 'uploads'));
  const database = await createTestDatabase('sqlite');
  // No ADMIN_* from a developer's .env: creating an editor is not needed to read the schema.
  const cms = await bootCms(database, { PUBLIC_DIR: publicDir, SEED_DEMO: 'false', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
  try {
    const schema = graphqlJs.buildClientSchema(await fetchIntrospection(cms.url));
    await writeFile(output, `${graphqlJs.printSchema(graphqlJs.lexicographicSortSchema(schema))}\n`);
  } finally {
    await cms.stop();
    await rm(publicDir, { recursive: true, force: true });
  }
}

// pnpm passes a literal `--` through when one types `graphql:schema -- <file>`.
const target = process.argv.slice(2).find((arg) => arg !== '--');
if (!target) {
  console.error('Usage: pnpm --filter cms graphql:schema <output file>');
  process.exit(2);
}
const output = path.resolve(process.env.INIT_CWD ?? process.cwd(), target);
exportSchema(output).then(
  () => {
    console.log(`Wrote the CMS GraphQL schema to ${output}`);
    // Strapi leaves timers and pools behind after destroy(); nothing else is pending here.
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
