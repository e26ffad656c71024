import type { Core } from '@strapi/strapi';
import { previewHandler } from '../src/preview/handler';
import { previewSettings } from '../src/preview/settings';

/**
 * The edit view's "Open preview": the publisher renders the draft with the site's own renderer
 * (apps/publisher, docs/preview.md). The link is signed with PREVIEW_SECRET; without it there is no preview.
 * The dashboard may frame only the preview's origin (Strapi adds it to its CSP's frame-src).
 */
function preview(): Core.Config.Admin['preview'] {
  const settings = previewSettings(process.env);
  if (!settings) return { enabled: false, config: { handler: () => null } };
  const handler = previewHandler(() => strapi, settings);
  return { enabled: true, config: { allowedOrigins: [settings.origin], handler } };
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET')!,
  },
  apiToken: {
    salt: env('API_TOKEN_SALT')!,
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT')!,
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY')!,
  },
  /** Tests and API-only deployments run without the built dashboard. */
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  preview: preview(),
  flags: {
    nps: false,
    promoteEE: false,
    docLinks: env.bool('FLAG_DOC_LINKS', true),
  },
});

export default config;
