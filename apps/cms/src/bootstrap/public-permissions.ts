import type { Core } from '@strapi/strapi';

/** What anonymous callers may do: read the four public content types, nothing else. */
export const PUBLIC_ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::author.author.find',
  'api::author.author.findOne',
  'api::category.category.find',
  'api::category.category.findOne',
  'api::site-setting.site-setting.find',
] as const;

const PERMISSION = 'plugin::users-permissions.permission';
const ROLE = 'plugin::users-permissions.role';

/**
 * Makes the Public role exactly PUBLIC_ACTIONS at every start (stock Strapi also grants registration and
 * login routes to it), and turns off sign-up through the API. Managed in code so that a click in the
 * dashboard cannot silently open write access to the public.
 */
export async function enforcePublicPermissions(strapi: Core.Strapi): Promise<void> {
  const role = (await strapi.db.query(ROLE).findOne({ where: { type: 'public' } })) as { id: number } | null;
  if (!role) throw new Error('The users-permissions Public role is missing');
  const current = (await strapi.db.query(PERMISSION).findMany({ where: { role: role.id }, select: ['id', 'action'] })) as Array<{
    id: number;
    action: string;
  }>;

  const wanted = new Set<string>(PUBLIC_ACTIONS);
  const extra = current.filter((permission) => !wanted.has(permission.action));
  if (extra.length > 0) {
    await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: extra.map((p) => p.id) } } });
  }
  const present = new Set(current.map((permission) => permission.action));
  for (const action of PUBLIC_ACTIONS) {
    if (!present.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }

  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) as Record<string, unknown> | null) ?? {};
  if (advanced.allow_register !== false) await store.set({ value: { ...advanced, allow_register: false } });
}
