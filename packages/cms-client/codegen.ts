import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Where the generated types and documents are committed. */
export const generatedFile = path.join(root, 'src', 'generated', 'graphql.ts');

const HEADER = '// Generated from schema.graphql and src/queries by `pnpm --filter @portal/cms-client generate`: do not edit.\n';

/**
 * Types and typed documents for the operations in src/queries, from the committed schema.graphql.
 * typescript-operations 6 writes the variable and result types on its own: the `typescript` plugin would
 * only add every input type of the schema (about 500 unused lines), so it is left out.
 */
const config: CodegenConfig = {
  schema: path.join(root, 'schema.graphql'),
  documents: [path.join(root, 'src', 'queries', '*.ts')],
  silent: true,
  generates: {
    [generatedFile]: {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        // A scalar the CMS adds later must be mapped here, not silently typed as `any`.
        strictScalars: true,
        scalars: { JSON: 'unknown', DateTime: 'string', ID: 'string' },
        enumsAsTypes: true,
        // A nullable field is always present in a response (as null): `x: T | null`, never `x?: T`.
        avoidOptionals: { field: true, object: true, inputValue: false, defaultValue: false },
        // A list variable takes a list: `ids: string[]`, not also a lone string.
        arrayInputCoercion: false,
        skipTypename: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;

/** Runs codegen in memory and returns the text of src/generated/graphql.ts as it should be committed. */
export async function generateClientCode(): Promise<string> {
  const [output] = (await generate(config, false)) as Array<{ filename: string; content: string }>;
  if (!output) throw new Error('graphql-codegen produced no output');
  return HEADER + output.content;
}
