import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { APP_DIR } from './database';

/**
 * The GraphQL operations the portal publishes and must keep answering: the client's (the site and the
 * publisher send these) and the examples agencies copy from docs/api.md. Read from the files themselves,
 * so that a query added there is checked against the limits without anyone listing it here.
 */

const REPO = path.resolve(APP_DIR, '..', '..');
const CLIENT_SRC = path.join(REPO, 'packages', 'cms-client', 'src');
const API_DOC = path.join(REPO, 'docs', 'api.md');

export type PublishedQuery = { name: string; source: string; origin: string };

/** Every operation of `corpus` as a document of its own, with the fragments it spreads (transitively). */
function operationsOf(corpus: string, origin: string): PublishedQuery[] {
  const definitions = parse(corpus).definitions;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return definitions.flatMap((definition, index) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION) return [];
    const used = new Map<string, DefinitionNode>();
    const collect = (node: DefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (fragment && !used.has(spread.name.value)) {
            used.set(spread.name.value, fragment);
            collect(fragment);
          }
        },
      });
    collect(definition);
    const source = [definition, ...used.values()].map((node) => print(node)).join('\n\n');
    return [{ name: definition.name?.value ?? `${path.basename(origin)} #${index + 1}`, source, origin }];
  });
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : typeScriptFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** The operations in the `gql` templates of packages/cms-client/src, fragments shared across files. */
export function clientQueries(): PublishedQuery[] {
  const templates = typeScriptFiles(CLIENT_SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/gql`([^`]*)`/g)].map((match) => {
      // An interpolated template cannot be read as text; none exists, and this keeps it so.
      if (match[1].includes('${')) throw new Error(`${file}: a gql template with \${…} cannot be checked here`);
      return match[1];
    }),
  );
  if (templates.length === 0) throw new Error(`No gql templates found under ${CLIENT_SRC}`);
  return operationsOf(templates.join('\n'), CLIENT_SRC);
}

/** The ```graphql examples of docs/api.md, and the query of its curl example. */
export function documentedQueries(): PublishedQuery[] {
  const text = readFileSync(API_DOC, 'utf8');
  const blocks = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
  const curl = [...text.matchAll(/-d '(\{"query".*\})'/g)].map((match) => (JSON.parse(match[1]) as { query: string }).query);
  if (blocks.length === 0 || curl.length === 0) throw new Error(`No GraphQL examples found in ${API_DOC}`);
  return [...blocks, ...curl].flatMap((block) => operationsOf(block, API_DOC));
}
