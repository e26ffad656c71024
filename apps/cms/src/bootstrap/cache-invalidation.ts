import type { Core } from '@strapi/strapi';
import { responseCache } from '../lib/response-cache';

/**
 * Every change that can alter a public answer empties the response cache, whatever made it: the
 * dashboard's Publish, an API write, a script. It listens at the database layer, under the document
 * service, where all of those meet — content of every type, single types (site settings), components,
 * relations' owners, media files and folders, roles and permissions.
 *
 * Only two kinds of writes are left out, because no public answer can show them: the dashboard's own
 * records (`admin::` — editors, API tokens, whose lookups are per request) and Strapi's internals
 * (`strapi::` — sessions, the core store, history); and, on a draft-and-publish type, a row that is a
 * draft (`publishedAt` null): saving a draft changes nothing readers see until it is published.
 *
 * The dashboard runs a publish inside a transaction of its own, so the cache is emptied twice: at once,
 * and again once the transaction commits (a read in between could have fetched and cached the old
 * answer). Every response waits for invalidations in flight before it is sent (middlewares/response-cache.ts),
 * so a publish is acknowledged only once the cache has forgotten what it replaced.
 */

const WRITES = new Set(['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany']);

type Event = {
  action: string;
  model: { uid: string; attributes: Record<string, unknown> };
  result?: unknown;
};

/** True when the write touched a draft row only (a single-row write whose result says so). */
function draftOnly(event: Event): boolean {
  if (!('publishedAt' in event.model.attributes)) return false;
  if (!['afterCreate', 'afterUpdate'].includes(event.action)) return false;
  const row = event.result as { publishedAt?: unknown } | null | undefined;
  return row !== null && typeof row === 'object' && 'publishedAt' in row && row.publishedAt === null;
}

export function changesPublicAnswers(event: Event): boolean {
  if (!WRITES.has(event.action)) return false;
  const { uid } = event.model;
  if (uid.startsWith('admin::') || uid.startsWith('strapi::')) return false;
  return !draftOnly(event);
}

export function invalidateCacheOnChange(strapi: Core.Strapi): void {
  const cache = responseCache((message) => strapi.log.warn(message));
  strapi.db.lifecycles.subscribe(async (event: Event) => {
    if (!changesPublicAnswers(event)) return;
    await cache.invalidate();
    // Inside a transaction (the dashboard's publish), once more when it commits; otherwise right away.
    await strapi.db.transaction(({ onCommit }: { onCommit: (callback: () => void) => void }) => {
      onCommit(() => void cache.invalidate());
    });
  });
}
