import type { StrapiApp } from '@strapi/strapi/admin';

/** Where editors see whether their change is live (the publisher's status page). Set at dashboard build time. */
const STATUS_URL = process.env.STRAPI_ADMIN_PUBLISHER_STATUS_URL || 'http://localhost:4322/';

function StatusIcon() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <path d="M4 12h4l3-8 4 16 3-8h2" />
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
    // Editors may switch the dashboard to Vietnamese in their profile.
    locales: ['vi'],
  },
  register(app: StrapiApp) {
    app.addMenuLink({
      to: '/publishing-status',
      icon: StatusIcon,
      intlLabel: { id: 'portal.publishing-status', defaultMessage: 'Tình trạng xuất bản' },
      Component: () => Promise.resolve({ default: OpenStatusPage }),
      permissions: [],
    });
  },
};
