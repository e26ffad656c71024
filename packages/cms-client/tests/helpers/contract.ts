import { buildSchema, findBreakingChanges, type BreakingChange, type GraphQLSchema } from 'graphql';

/**
 * The committed schema.graphql is the contract agencies build against (docs/api.md, "Compatibility"): the
 * changes of `live` that would break a client written against `committedSdl` (a removed type, field or
 * argument, a changed type, a new required argument…). Additions are not breaking.
 */
export function breakingChanges(committedSdl: string, live: GraphQLSchema): BreakingChange[] {
  return findBreakingChanges(buildSchema(committedSdl), live);
}

/** What a failing contract test says: each breaking change, then how to make one on purpose. */
export function breakingChangesMessage(changes: readonly BreakingChange[]): string {
  return [
    `The CMS's GraphQL schema breaks the contract in packages/cms-client/schema.graphql (${changes.length} breaking change${changes.length === 1 ? '' : 's'}):`,
    ...changes.map((change) => `  - ${change.type}: ${change.description}`),
    'Agencies build their clients against that file. If the change is meant: announce it to the agencies, note a new schema',
    'version and the change under "Compatibility" in docs/api.md, then run `pnpm --filter @portal/cms-client generate` and',
    'commit schema.graphql and src/generated/graphql.ts with it.',
  ].join('\n');
}
