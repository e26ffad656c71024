import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

const acting = new AsyncLocalStorage<string>();
/** Strapi's token strategies (5.54 names them so; older releases had one `api-token`). */
const TOKEN_STRATEGIES = new Set(['content-api-token', 'admin-token', 'api-token']);

/** Runs `work` on behalf of `actor` (the scheduler's runs): the audit trail names it rather than the request. */
export function actingAs<T>(actor: string, work: () => Promise<T>): Promise<T> {
  return acting.run(actor, work);
}

type State = {
  auth?: { strategy?: { name?: string }; credentials?: { name?: string } };
  user?: { email?: string; firstname?: string | null; lastname?: string | null };
};

/**
 * Who is writing, as the audit trail records it: the dashboard's editor ("Tên Họ <email>"), "API token <name>"
 * for a token's write, the actor of actingAs(), and "system" for code outside any request (seeding, scripts).
 */
export function currentActor(strapi: Core.Strapi): string {
  const own = acting.getStore();
  if (own) return own;
  const context = strapi.requestContext.get();
  if (!context) return 'system';
  const state = context.state as State;
  if (TOKEN_STRATEGIES.has(state.auth?.strategy?.name ?? '')) return `API token ${state.auth?.credentials?.name ?? '(unnamed)'}`;
  const user = state.user;
  if (user?.email) {
    const name = [user.firstname, user.lastname].filter(Boolean).join(' ');
    return name ? `${name} <${user.email}>` : user.email;
  }
  return 'anonymous';
}
