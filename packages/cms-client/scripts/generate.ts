/**
 * `pnpm --filter @portal/cms-client generate`: refreshes schema.graphql from the CMS's content model (the
 * CMS is booted on a throwaway database by its own exporter), then src/generated/graphql.ts from that
 * schema and the documents in src/queries. Commit both files.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateClientCode, generatedFile } from '../codegen';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

execFileSync('pnpm', ['--filter', 'cms', 'graphql:schema', path.join(root, 'schema.graphql')], { stdio: 'inherit' });
await writeFile(generatedFile, await generateClientCode());
console.log(`Wrote ${path.relative(root, generatedFile)}`);
