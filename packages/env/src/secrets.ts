import { randomBytes } from 'node:crypto';

const key = (bytes = 32) => randomBytes(bytes).toString('base64');

/**
 * Secrets the portal needs and how to make each one. Strapi signs cookies with APP_KEYS (a list, so keys
 * can be rotated), tokens with the JWT secrets and salts; the publisher checks webhooks with
 * PUBLISH_WEBHOOK_SECRET; PREVIEW_SECRET signs the editors' preview links and keys the CMS's draft route for the
 * publisher (apps/cms/src/contract/preview-link.ts). CMS_TOKEN is the API token the publisher and the site build read the CMS with: the
 * CMS creates it at start (apps/cms/src/bootstrap/publisher-token.ts) and exempts it from rate limits.
 */
export const SECRET_GENERATORS: Record<string, () => string> = {
  APP_KEYS: () => [key(), key(), key(), key()].join(','),
  API_TOKEN_SALT: () => key(),
  ADMIN_JWT_SECRET: () => key(),
  TRANSFER_TOKEN_SALT: () => key(),
  JWT_SECRET: () => key(),
  ENCRYPTION_KEY: () => key(),
  PUBLISH_WEBHOOK_SECRET: () => randomBytes(32).toString('hex'),
  CMS_TOKEN: () => randomBytes(64).toString('hex'),
  PREVIEW_SECRET: () => randomBytes(32).toString('hex'),
};
