import contract from 'cms/publish-webhook' with { type: 'json' };

/** The Strapi webhook events the publisher acts on: the ones the CMS registers its webhook for (one contract). */
export const ENTRY_EVENTS: readonly string[] = contract.entryEvents;
export const MEDIA_EVENTS: readonly string[] = contract.mediaEvents;

export type StrapiEvent = {
  /** One of ENTRY_EVENTS or MEDIA_EVENTS. */
  event: string;
  /** Content type name for entry events (`article`, `author`, …). */
  model?: string;
  documentId?: string;
  /** True when the payload is a draft (publishedAt null): saving a draft changes nothing public. */
  draft?: boolean;
};

/**
 * What a batch of events asks the builder to do: everything (`full`), or the pages of some articles,
 * authors and categories (documentIds).
 */
export type Work = { full: boolean; reasons: string[]; articles: Set<string>; authors: Set<string>; categories: Set<string> };

export class BadEventError extends Error {}

/**
 * Reads a webhook body as a Strapi event. Throws BadEventError (→ 400) when it is not one. The entry itself
 * is not trusted (Strapi may send null, or a draft's data): only its kind and id are kept, and the builder
 * reads the current state from the CMS.
 */
export function parseEvent(body: unknown): StrapiEvent {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadEventError('The body is not a JSON object');
  const { event, model, entry } = body as { event?: unknown; model?: unknown; entry?: unknown };
  if (typeof event !== 'string' || ![...ENTRY_EVENTS, ...MEDIA_EVENTS].includes(event)) {
    throw new BadEventError(`Not a Strapi event: "event" must be one of ${[...ENTRY_EVENTS, ...MEDIA_EVENTS].join(', ')}`);
  }
  if (event.startsWith('entry.') && typeof model !== 'string') throw new BadEventError('An entry event needs a "model"');
  const documentId =
    entry && typeof entry === 'object' && typeof (entry as { documentId?: unknown }).documentId === 'string'
      ? (entry as { documentId: string }).documentId
      : undefined;
  const draft = Boolean(entry && typeof entry === 'object' && 'publishedAt' in entry && entry.publishedAt === null);
  return { event: event, model: typeof model === 'string' ? model : undefined, documentId, draft };
}

/** An empty batch of work. */
export function noWork(): Work {
  return { full: false, reasons: [], articles: new Set(), authors: new Set(), categories: new Set() };
}

/** The content types whose changes the builder bounds to the pages showing them, and where it notes their ids. */
const BOUNDED: Record<string, 'articles' | 'authors' | 'categories'> = { article: 'articles', author: 'authors', category: 'categories' };

/**
 * Adds one event to a batch. Article, author and category events name the entry (duplicates collapse:
 * Strapi sends a publish and a delete of the draft for one click, and deletes twice): the builder renders
 * the pages that show it (a category in the menu shows on every page: the builder decides). Anything
 * else (site settings and their menu, changed media, an event without an id) asks for a full build. New
 * uploads change no page until an article uses them, and saving a draft changes nothing readers see, so
 * both are ignored.
 */
export function addEvent(work: Work, event: StrapiEvent): Work {
  if (event.event === 'media.create') return work;
  if ((event.event === 'entry.update' || event.event === 'entry.create') && event.draft) return work;
  // Own keys only: a model named "constructor" or "__proto__" is no bounded type.
  const bounded = event.model !== undefined && Object.hasOwn(BOUNDED, event.model) ? BOUNDED[event.model] : undefined;
  if (bounded && event.documentId) {
    work[bounded].add(event.documentId);
    return work;
  }
  work.full = true;
  const reason = event.model ? `${event.event} ${event.model}` : event.event;
  if (!work.reasons.includes(reason)) work.reasons.push(reason);
  return work;
}

/** Merges `next` into `into` (events that arrived while a build ran join the follow-up build). */
export function mergeWork(into: Work, next: Work): Work {
  into.full ||= next.full;
  for (const reason of next.reasons) if (!into.reasons.includes(reason)) into.reasons.push(reason);
  for (const kind of ['articles', 'authors', 'categories'] as const) for (const id of next[kind]) into[kind].add(id);
  return into;
}

export function isEmpty(work: Work): boolean {
  return !work.full && work.articles.size === 0 && work.authors.size === 0 && work.categories.size === 0;
}
