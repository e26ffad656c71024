import type { Core } from '@strapi/strapi';

/** The parts of Strapi's content-API token service and encryption service used here. */
type ContentApiTokens = {
  hash(accessKey: string): string;
  getByAccessKey(hash: string): Promise<{ id: number | string } | null | undefined>;
  getByName(name: string): Promise<{ id: number | string } | null | undefined>;
};
type Encryption = { encrypt(value: string): string | null };

export const PUBLISHER_TOKEN_NAME = 'Publisher and site build';
const DESCRIPTION = 'Dùng bởi trình xuất bản và bản dựng trang (CMS_TOKEN trong .env); không bị giới hạn tần suất. Do not delete.';

/**
 * Makes CMS_TOKEN a read-only API token of this CMS. The publisher and the site build send CMS_TOKEN
 * (packages/cms-client), and the rate limiter exempts exactly that token; `pnpm start` generates one into
 * .env, and here the CMS makes sure the token exists, so that the site's builds read with it rather than as
 * an anonymous reader subject to readers' limits. A token whose secret is already CMS_TOKEN (one created in
 * the dashboard, say) is left as it is; after CMS_TOKEN changed, the token named PUBLISHER_TOKEN_NAME gets
 * the new secret.
 */
export async function ensurePublisherToken(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const secret = env.CMS_TOKEN?.trim();
  if (!secret) return;
  if (secret.length < 32) throw new Error('CMS_TOKEN must be at least 32 characters; `pnpm start` generates one into .env');
  const tokens = strapi.service('admin::api-token-content-api') as unknown as ContentApiTokens;
  const accessKey = tokens.hash(secret);
  if (await tokens.getByAccessKey(accessKey)) return;
  // Encrypted as Strapi stores every token, so that the dashboard can show it again.
  const encryptedKey = (strapi.service('admin::encryption') as unknown as Encryption).encrypt(secret);
  const query = strapi.db.query('admin::api-token');
  const existing = await tokens.getByName(PUBLISHER_TOKEN_NAME);
  if (existing) {
    await query.update({ where: { id: existing.id }, data: { accessKey, encryptedKey, type: 'read-only', expiresAt: null, lifespan: null } });
    strapi.log.info(`API token "${PUBLISHER_TOKEN_NAME}" now has the secret in CMS_TOKEN`);
    return;
  }
  await query.create({
    data: {
      name: PUBLISHER_TOKEN_NAME,
      description: DESCRIPTION,
      type: 'read-only',
      kind: 'content-api',
      accessKey,
      encryptedKey,
      lifespan: null,
      expiresAt: null,
    },
  });
  strapi.log.info(`Created the read-only API token "${PUBLISHER_TOKEN_NAME}" from CMS_TOKEN`);
}
