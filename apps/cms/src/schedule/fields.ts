/**
 * Scheduled publishing: Article.scheduledPublishAt ("Xuất bản lúc") and Article.scheduledUnpublishAt ("Gỡ xuống
 * lúc"), instants stored in UTC. The dashboard shows and takes them in the editor's browser time zone
 * (Asia/Ho_Chi_Minh on the agencies' machines). They are read on the draft row, which every article has.
 */
export const ARTICLE = 'api::article.article';

export type ScheduleKind = 'publish' | 'unpublish';

export const SCHEDULE_FIELDS: Readonly<Record<ScheduleKind, 'scheduledPublishAt' | 'scheduledUnpublishAt'>> = {
  publish: 'scheduledPublishAt',
  unpublish: 'scheduledUnpublishAt',
};

/** The editors' names of the fields, for messages and the list view. */
export const SCHEDULE_LABELS: Readonly<Record<ScheduleKind, string>> = { publish: 'Xuất bản lúc', unpublish: 'Gỡ xuống lúc' };

/** An instant as milliseconds, null when empty; NaN for a value that is not a date-time. */
export function instantOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') return new Date(value).getTime();
  return Number.NaN;
}

const VIETNAM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** How editors read an instant: "01/12/2026 09:59", the local time of Vietnam whatever the server's zone. */
export function vietnamTime(ms: number): string {
  return VIETNAM.format(ms).replace(',', '');
}
