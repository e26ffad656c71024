import type { ApolloServerPlugin } from '@apollo/server';

/** The parts of GraphQL's AST this reads: arguments and input-object fields, each with a name and a value. */
type AstNode = { kind?: string; name?: { value: string }; value?: unknown; loc?: { start: number } };

/**
 * Every argument path in `document` keyed by the start offset of its value: `articles(filters.views.gt)`.
 * Walks the plain AST objects, so that no second copy of graphql-js is needed here.
 */
export function argumentPaths(document: unknown): Map<number, string> {
  const paths = new Map<number, string>();
  const walk = (node: unknown, field: string | undefined, path: string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item) => walk(item, field, path));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const ast = node as AstNode;
    if (ast.kind === 'Field') field = ast.name?.value;
    if ((ast.kind === 'Argument' || ast.kind === 'ObjectField') && ast.name) {
      const next = [...path, ast.name.value];
      const [argument, ...rest] = next;
      const value = ast.value as (AstNode & { values?: AstNode[] }) | undefined;
      const at = `${field ?? ''}(${[argument, ...rest].join('.')})`;
      if (value?.loc) paths.set(value.loc.start, at);
      value?.values?.forEach((item, index) => item.loc && paths.set(item.loc.start, `${at.slice(0, -1)}[${index}])`));
      walk(ast.value, field, next);
      return;
    }
    for (const [key, child] of Object.entries(ast)) {
      if (key === 'loc') continue;
      walk(child, field, ast.kind === 'Field' ? [] : path);
    }
  };
  walk(document, undefined, []);
  return paths;
}

/**
 * GraphQL's own message for a literal of the wrong type ("Int cannot represent non-integer value: \"abc\"")
 * says neither which argument nor which filter; this adds it, so agencies see
 * `… (at articles(filters.views.gt))` — the same information the REST API gives.
 */
export const argumentPathsInErrors: ApolloServerPlugin = {
  // Apollo's hooks return promises; nothing here waits on anything.
  requestDidStart: () =>
    Promise.resolve({
      validationDidStart: ({ document }) =>
        Promise.resolve((errors?: ReadonlyArray<Error>) => {
          if (errors?.length) addArgumentPaths(document, errors);
          return Promise.resolve();
        }),
    }),
};

function addArgumentPaths(document: unknown, errors: ReadonlyArray<Error>): void {
  const paths = argumentPaths(document);
  for (const error of errors) {
    const start = (error as { nodes?: ReadonlyArray<AstNode> }).nodes?.[0]?.loc?.start;
    const at = start === undefined ? undefined : paths.get(start);
    if (at && !error.message.includes(' (at ')) error.message = `${error.message} (at ${at})`;
  }
}
