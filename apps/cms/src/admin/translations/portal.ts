/**
 * The portal's own dashboard strings (`portal.*`: its menu links and the audit trail's page and panel) and the
 * review states, which the Content Manager names by translating each enumeration value. Vietnamese is what
 * editors read; English is for an account that picked English.
 */
import { ACTION_LABELS, TYPE_LABELS } from '../audit/labels';

type Strings = Readonly<Record<string, string>>;

const keyed = (prefix: string, labels: Strings): Strings =>
  Object.fromEntries(Object.entries(labels).map(([name, label]) => [`${prefix}${name}`, label]));

const ACTION_LABELS_EN: Strings = {
  created: 'Created',
  edited: 'Edited',
  submitted: 'Submitted for review',
  returned: 'Returned',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
  discarded: 'Draft discarded',
  deleted: 'Deleted',
  'publish-failed': 'Scheduled publish failed',
  'unpublish-failed': 'Scheduled unpublish failed',
};

const TYPE_LABELS_EN: Strings = {
  'api::article.article': 'Article',
  'api::author.author': 'Author',
  'api::category.category': 'Category',
  'api::site-setting.site-setting': 'Site settings',
};

export const portalVi: Strings = {
  // Content types' display names, which the dashboard translates by their English name.
  Article: 'Bài viết',
  Author: 'Tác giả',
  Category: 'Chuyên mục',
  'Site settings': 'Cài đặt trang',
  writing: 'Đang viết',
  awaitingReview: 'Chờ duyệt',
  returned: 'Trả lại',
  'portal.publishing-status': 'Tình trạng xuất bản',
  'portal.audit-trail': 'Lịch sử thao tác',
  'portal.audit.content-type': 'Loại nội dung:',
  'portal.audit.all': 'Tất cả',
  'portal.audit.column.at': 'Lúc (giờ Việt Nam)',
  'portal.audit.column.document': 'Nội dung',
  'portal.audit.column.action': 'Thao tác',
  'portal.audit.column.actor': 'Người thực hiện',
  'portal.audit.column.detail': 'Chi tiết',
  'portal.audit.loading': 'Đang tải…',
  'portal.audit.empty': 'Chưa có thao tác nào.',
  'portal.audit.error': 'Không đọc được lịch sử: {error}',
  'portal.audit.unsaved': 'Chưa lưu lần nào.',
  'portal.audit.newer': '‹ Mới hơn',
  'portal.audit.older': 'Cũ hơn ›',
  'portal.audit.page': 'Trang {page}/{pages}',
  ...keyed('portal.audit.action.', ACTION_LABELS),
  ...keyed('portal.audit.type.', TYPE_LABELS),
};

export const portalEn: Strings = {
  Article: 'Article',
  Author: 'Author',
  Category: 'Category',
  'Site settings': 'Site settings',
  writing: 'Writing',
  awaitingReview: 'Awaiting review',
  returned: 'Returned',
  'portal.publishing-status': 'Publishing status',
  'portal.audit-trail': 'Audit trail',
  'portal.audit.content-type': 'Content type:',
  'portal.audit.all': 'All',
  'portal.audit.column.at': 'When (Vietnam time)',
  'portal.audit.column.document': 'Document',
  'portal.audit.column.action': 'Step',
  'portal.audit.column.actor': 'By',
  'portal.audit.column.detail': 'Detail',
  'portal.audit.loading': 'Loading…',
  'portal.audit.empty': 'No steps yet.',
  'portal.audit.error': 'Could not read the history: {error}',
  'portal.audit.unsaved': 'Not saved yet.',
  'portal.audit.newer': '‹ Newer',
  'portal.audit.older': 'Older ›',
  'portal.audit.page': 'Page {page}/{pages}',
  ...keyed('portal.audit.action.', ACTION_LABELS_EN),
  ...keyed('portal.audit.type.', TYPE_LABELS_EN),
};
