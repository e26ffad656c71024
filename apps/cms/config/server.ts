import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  /** The address readers and editors use (behind nginx in production); links in the dashboard use it. */
  url: env('PUBLIC_URL', ''),
  proxy: env.bool('IS_PROXIED', false),
  /** Uploaded media land in <public>/uploads; tests point this at a temporary folder. */
  dirs: { public: env('PUBLIC_DIR', './public') },
  app: {
    keys: env.array('APP_KEYS')!,
  },
  logger: {
    /** Strapi's own banner; the start script prints the portal's URLs instead. */
    startup: { enabled: env.bool('STRAPI_STARTUP_BANNER', false) },
    updates: { enabled: false },
  },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
});

export default config;
