import type { StrapiApp } from '@strapi/strapi/admin';
import { AuditPanel, AuditPage } from './audit/AuditPage';

/** Where Strapi's dashboard keeps the language it shows (its reducer's LANGUAGE_LOCAL_STORAGE_KEY). */
const LANGUAGE_KEY = 'strapi-admin-language';

/** Where editors see whether their change is live (the publisher's status page). Set at dashboard build time. */
const STATUS_URL = process.env.STRAPI_ADMIN_PUBLISHER_STATUS_URL || 'http://localhost:4322/';

function StatusIcon() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M4 12h4l3-8 4 16 3-8h2" />
    </svg>
  );
}

function HistoryIcon() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 3" />
    </svg>
  );
}

/** Opens the publisher's status page; the menu entry is a link out of the dashboard. */
function OpenStatusPage() {
  window.location.assign(STATUS_URL);
  return null;
}

export default {
  config: {
    // Vietnamese beside English; new accounts are created with Vietnamese as their language (bootstrap/admin-language.ts).
    locales: ['vi'],
    // The Content Manager names an enumeration's options by translating each value: the review states.
    translations: {
      vi: {
        writing: 'Đang viết',
        awaitingReview: 'Chờ duyệt',
        returned: 'Trả lại',
        // The edit view's preview (config/admin.ts): Strapi has no Vietnamese for it.
        'content-manager.preview.panel.title': 'Xem trước',
        'content-manager.preview.panel.button': 'Mở bản xem trước',
        'content-manager.preview.panel.button-disabled-tooltip': 'Lưu bài trước khi mở bản xem trước',
      },
      en: { writing: 'Writing', awaitingReview: 'Awaiting review', returned: 'Returned' },
    },
  },
  register(app: StrapiApp) {
    // The sign-in page too speaks Vietnamese until someone picks another language (Strapi keeps the choice here).
    if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'vi');
    app.addMenuLink({
      to: '/publishing-status',
      icon: StatusIcon,
      intlLabel: { id: 'portal.publishing-status', defaultMessage: 'Tình trạng xuất bản' },
      Component: () => Promise.resolve({ default: OpenStatusPage }),
      permissions: [],
    });
    app.addMenuLink({
      to: '/audit-trail',
      icon: HistoryIcon,
      intlLabel: { id: 'portal.audit-trail', defaultMessage: 'Lịch sử thao tác' },
      Component: () => Promise.resolve({ default: AuditPage }),
      permissions: [],
    });
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: { addEditViewSidePanel(panels: unknown[]): void } };
    contentManager.apis.addEditViewSidePanel([AuditPanel]);
  },
};
