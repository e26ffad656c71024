/** The audit trail's actions as editors read them (the server's names: src/audit/trail.ts). */
export const ACTION_LABELS: Record<string, string> = {
  created: 'Tạo mới',
  edited: 'Sửa',
  submitted: 'Gửi duyệt',
  returned: 'Trả lại',
  scheduled: 'Hẹn giờ',
  published: 'Xuất bản',
  unpublished: 'Gỡ xuống',
  discarded: 'Bỏ bản nháp',
  deleted: 'Xoá',
  'publish-failed': 'Hẹn xuất bản không chạy được',
  'unpublish-failed': 'Hẹn gỡ xuống không chạy được',
};

export const TYPE_LABELS: Record<string, string> = {
  'api::article.article': 'Bài viết',
  'api::author.author': 'Tác giả',
  'api::category.category': 'Chuyên mục',
  'api::site-setting.site-setting': 'Cài đặt trang',
};

/** Times in Vietnam's zone, whatever the browser's: the trail is read across agencies. */
export const vietnamTime = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
