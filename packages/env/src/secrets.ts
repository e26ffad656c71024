import { randomBytes } from 'node:crypto';

const key = (bytes = 32) => randomBytes(bytes).toString('base64');

/**
 * Secrets the portal needs and how to make each one. Strapi signs cookies with APP_KEYS (a list, so keys
 * can be rotated), tokens with the JWT secrets and salts; the publisher checks webhooks with
 * PUBLISH_WEBHOOK_SECRET; PREVIEW_SECRET signs the editors' preview links and keys the CMS's draft route for the
 * publisher (apps/cms/src/contract/preview-link.ts). CMS_TOKEN is the API token the publisher and the site build read the CMS with: the
 * CMS creates it at start (apps/cms/src/bootstrap/publisher-token.ts) and exempts it from rate limits.
 * The rest are docker-compose.yml's (docs/deploy.md): its PostgreSQL's password, its MinIO's administrator
 * password, and the key the CMS stores uploads with (MinIO takes access keys of 3–20 characters and secret
 * keys of 8–40). Hex, so that they fit in URLs and shell lines unquoted.
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
  DATABASE_PASSWORD: () => randomBytes(24).toString('hex'),
  MINIO_ROOT_PASSWORD: () => randomBytes(20).toString('hex'),
  S3_ACCESS_KEY_ID: () => `portal${randomBytes(7).toString('hex')}`,
  S3_SECRET_ACCESS_KEY: () => randomBytes(20).toString('hex'),
};
