import type { Core } from '@strapi/strapi';

/** The parts of Strapi's admin user and role services used here. */
type AdminUsers = { exists(): Promise<boolean>; create(user: Record<string, unknown>): Promise<unknown> };
type AdminRoles = { getSuperAdmin(): Promise<{ id: number } | null> };

/** Strapi's own rule for admin passwords, checked here so a bad value gets a clear message at start. */
const PASSWORD_RULE = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,}$/;

/**
 * Creates the first editor (a super admin) from ADMIN_EMAIL / ADMIN_PASSWORD when both are set and no
 * admin exists yet. Without them, Strapi's first-visit registration at /admin applies.
 */
export async function ensureFirstAdmin(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const email = env.ADMIN_EMAIL?.trim();
  const password = env.ADMIN_PASSWORD;
  if (!email || !password) return;
  const users = strapi.service('admin::user') as AdminUsers;
  if (await users.exists()) return;
  if (!PASSWORD_RULE.test(password)) {
    throw new Error('ADMIN_PASSWORD must be at least 8 characters with a lower-case letter, an upper-case letter and a digit');
  }
  const superAdmin = await (strapi.service('admin::role') as AdminRoles).getSuperAdmin();
  if (!superAdmin) throw new Error('The Super Admin role is missing: Strapi did not finish its own bootstrap');
  await users.create({
    email: email.toLowerCase(),
    firstname: env.ADMIN_FIRSTNAME?.trim() || 'Ban',
    lastname: env.ADMIN_LASTNAME?.trim() || 'Biên tập',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
    preferedLanguage: 'vi',
  });
  strapi.log.info(`Created the first editor account ${email}`);
}
