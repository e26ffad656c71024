import type { Core } from '@strapi/strapi';

/** The dashboard's language for new accounts: Strapi's admin has Vietnamese (src/admin/app.tsx enables it). */
export const DASHBOARD_LANGUAGE = 'vi';

type Event = { params: { data?: Record<string, unknown> } };

/**
 * Every dashboard account is created speaking Vietnamese: Strapi's dashboard switches to the account's
 * preferred language at sign-in. Applies to accounts an administrator invites (POST /admin/users), the
 * first one registered at /admin and the one made from ADMIN_EMAIL; a language chosen explicitly is kept,
 * and each editor can still change theirs in the profile.
 */
export function speakVietnameseToNewEditors(strapi: Core.Strapi): void {
  strapi.db.lifecycles.subscribe({
    models: ['admin::user'],
    beforeCreate(event: Event) {
      const data = event.params.data;
      if (data && !data.preferedLanguage) data.preferedLanguage = DASHBOARD_LANGUAGE;
    },
  });
}
