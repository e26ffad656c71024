import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE, instantOf, SCHEDULE_FIELDS, SCHEDULE_LABELS, vietnamTime, type ScheduleKind } from './fields';

type Data = Record<string, unknown>;
type Stored = Partial<Record<(typeof SCHEDULE_FIELDS)[ScheduleKind], unknown>>;

const refuse = (kind: ScheduleKind, message: string) =>
  new errors.ValidationError(message, { errors: [{ path: [SCHEDULE_FIELDS[kind]], message, name: 'ValidationError' }] });

/** The schedule the draft will have once `data` is written over `stored`, checked; the reason it is refused, if it is. */
export function scheduleProblem(data: Data, stored: Stored | null, now: number): errors.ValidationError | undefined {
  const effective = {} as Record<ScheduleKind, number | null>;
  for (const kind of ['publish', 'unpublish'] as const) {
    const field = SCHEDULE_FIELDS[kind];
    const before = instantOf(stored?.[field]);
    if (!(field in data)) {
      effective[kind] = before;
      continue;
    }
    const value = instantOf(data[field]);
    if (value !== null && Number.isNaN(value)) return refuse(kind, `${SCHEDULE_LABELS[kind]} (${field}) is not a date-time`);
    // A time already saved is sent back unchanged by every save of the form: only a new time must be ahead.
    if (value !== null && value !== before && value < now) {
      return refuse(kind, `${SCHEDULE_LABELS[kind]} (${field}) is in the past: ${vietnamTime(value)} (giờ Việt Nam); choose a later time`);
    }
    effective[kind] = value;
  }
  if (effective.publish !== null && effective.unpublish !== null && effective.unpublish <= effective.publish) {
    return refuse(
      'unpublish',
      `${SCHEDULE_LABELS.unpublish} (scheduledUnpublishAt) must be after ${SCHEDULE_LABELS.publish} (scheduledPublishAt): ` +
        `${vietnamTime(effective.unpublish)} is not after ${vietnamTime(effective.publish)}`,
    );
  }
  return undefined;
}

/**
 * Refuses a bad schedule on every write of an article, whatever the path (dashboard, REST, code): a new time in
 * the past, or an unpublish time not after the publish time. A Strapi ValidationError: 400 with its message.
 */
export function registerScheduleValidation(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || (context.action !== 'create' && context.action !== 'update')) return next();
    const params = context.params as { data?: Data; documentId?: string };
    const data = params.data;
    if (!data) return next();
    const touches = Object.values(SCHEDULE_FIELDS).some((field) => field in data);
    if (!touches) return next();
    const stored =
      context.action === 'update' && params.documentId
        ? ((await strapi.db.query(ARTICLE).findOne({
            select: Object.values(SCHEDULE_FIELDS),
            where: { documentId: params.documentId, publishedAt: null },
          })) as Stored | null)
        : null;
    const problem = scheduleProblem(data, stored, Date.now());
    if (problem) throw problem;
    return next();
  });
}
