import { REFUSALS } from './review';

/** What the dashboard says instead of Strapi's bare "Forbidden", by Content Manager action. */
export const FORBIDDEN_MESSAGES: Record<string, string> = {
  find: 'Bạn không có quyền xem mục này. / You may not read these entries.',
  findOne: 'Bạn không có quyền xem mục này. / You may not read this entry.',
  create: 'Bạn không có quyền tạo mục này. / You may not create this entry.',
  clone: 'Bạn không có quyền tạo mục này. / You may not create this entry.',
  autoClone: 'Bạn không có quyền tạo mục này. / You may not create this entry.',
  update:
    'Bạn chỉ được sửa bài của mình (phóng viên) hoặc không có quyền sửa mục này. / Writers may edit only their own articles; you may not edit this entry.',
  discard:
    'Bạn chỉ được sửa bài của mình (phóng viên) hoặc không có quyền sửa mục này. / Writers may edit only their own articles; you may not edit this entry.',
  delete:
    'Bạn không có quyền xoá mục này (phóng viên chỉ xoá bản nháp của mình). / You may not delete this entry (writers delete only their own drafts).',
  bulkDelete: 'Bạn không có quyền xoá một trong các mục đã chọn. / You may not delete one of the selected entries.',
  publish: REFUSALS.publish,
  bulkPublish: REFUSALS.publish,
  unpublish: REFUSALS.unpublish,
  bulkUnpublish: REFUSALS.unpublish,
};

/** Said for an action not listed above. */
export const OTHER_REFUSAL = 'Bạn không có quyền làm việc này. / You do not have the permission for this.';

/** Strapi's own wordless refusals: ctx.forbidden() and its route policies. */
const WORDLESS = new Set(['Forbidden', 'Policy Failed']);

/**
 * The message for a 403 of the Content Manager's `handler` (e.g. "collection-types.publish") that said
 * `message`: the reason when Strapi gave none, or null to keep a message that already says something.
 */
export function refusalMessage(handler: unknown, message: unknown): string | null {
  if (typeof message === 'string' && !WORDLESS.has(message)) return null;
  const action = typeof handler === 'string' ? handler.split('.').pop()! : '';
  return FORBIDDEN_MESSAGES[action] ?? OTHER_REFUSAL;
}
