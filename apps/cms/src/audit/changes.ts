import { instantOf, SCHEDULE_FIELDS, SCHEDULE_LABELS, vietnamTime } from '../schedule/fields';
import type { AuditAction } from './trail';

type Data = Record<string, unknown>;
type Attribute = { type: string };

/** Fields whose change is its own entry (review, schedule) or no editor's doing (counted, derived, Strapi's). */
const NOT_AN_EDIT = new Set([
  'reviewState',
  'reviewNote',
  ...Object.values(SCHEDULE_FIELDS),
  'searchText',
  'views',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
]);
const SAME = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The review workflow's state change (Article.reviewState, when the content type has it). */
function reviewStep(data: Data, before: Data | null): Array<{ action: AuditAction; detail: string | null }> {
  if (!('reviewState' in data) || data.reviewState === before?.reviewState) return [];
  const note = typeof data.reviewNote === 'string' && data.reviewNote.trim() ? data.reviewNote.trim() : null;
  if (data.reviewState === 'awaitingReview') return [{ action: 'submitted', detail: null }];
  if (data.reviewState === 'returned') return [{ action: 'returned', detail: note }];
  return [];
}

/** A new schedule (or one removed): "Xuất bản lúc 01/12/2026 08:00:00; Gỡ xuống lúc —". */
function scheduleStep(data: Data, before: Data | null): Array<{ action: AuditAction; detail: string | null }> {
  const parts = (['publish', 'unpublish'] as const).flatMap((kind) => {
    const field = SCHEDULE_FIELDS[kind];
    if (!(field in data)) return [];
    const value = instantOf(data[field]);
    if (value === instantOf(before?.[field])) return [];
    return [`${SCHEDULE_LABELS[kind]} ${value === null || Number.isNaN(value) ? '— (bỏ hẹn)' : `${vietnamTime(value)} (giờ Việt Nam)`}`];
  });
  return parts.length > 0 ? [{ action: 'scheduled', detail: parts.join('; ') }] : [];
}

/** Written as the dashboard sends an untouched relation: nothing to connect, disconnect or set. */
const untouchedRelation = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !('set' in value) &&
  ['connect', 'disconnect'].every(
    (key) => !(key in value) || (Array.isArray((value as Data)[key]) && ((value as Data)[key] as unknown[]).length === 0),
  );

/** Components, media and dynamic zones come back on every save of the form and are not compared. */
const UNCOMPARED = new Set(['media', 'component', 'dynamiczone']);

/** The fields a save changes, by name, and whether it also wrote fields that cannot be compared. */
function editedFields(data: Data, before: Data | null, attributes: Record<string, Attribute>): { fields: string[]; uncompared: boolean } {
  const written = Object.keys(data).filter((field) => !NOT_AN_EDIT.has(field) && field in attributes);
  const fields = written.filter((field) => {
    const type = attributes[field].type;
    if (UNCOMPARED.has(type)) return false;
    if (type === 'relation') return !untouchedRelation(data[field]);
    if (type === 'datetime' || type === 'date') return instantOf(data[field]) !== instantOf(before?.[field]);
    return !SAME(data[field], before?.[field]);
  });
  return { fields, uncompared: written.some((field) => UNCOMPARED.has(attributes[field].type)) };
}

/**
 * The entries a create or update makes: submitted/returned for a review step, scheduled for a new schedule,
 * edited for other changed fields (a write of nothing, as the dashboard's Publish sends, is no edit), published
 * when it also publishes.
 */
export function writeSteps(
  action: 'create' | 'update',
  data: Data,
  before: Data | null,
  attributes: Record<string, Attribute>,
  publishes: boolean,
): Array<{ action: AuditAction; detail: string | null }> {
  const steps = [...reviewStep(data, before), ...scheduleStep(data, before)];
  const { fields, uncompared } = editedFields(data, before, attributes);
  if (action === 'create') steps.unshift({ action: 'created', detail: null });
  else if (fields.length > 0) steps.unshift({ action: 'edited', detail: fields.join(', ') });
  // A save of the form that changed nothing comparable may have changed a component or an image.
  else if (uncompared && steps.length === 0) steps.unshift({ action: 'edited', detail: null });
  if (publishes) steps.push({ action: 'published', detail: null });
  return steps;
}
