import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  /** The address readers and editors use (behind nginx in production); links in the dashboard use it. */
  url: env('PUBLIC_URL', ''),
  /**
   * Behind a reverse proxy (IS_PROXIED=true), trust its X-Forwarded-* headers. Strapi 5 reads this object
   * (a plain `proxy: true` is ignored). maxIpsCount: how many proxies append to X-Forwarded-For (1 for a
   * single nginx), so that ctx.ip is the address the nearest proxy saw rather than one the client made up
   * (koa otherwise takes the left-most entry). The rate limiter reads the same two settings.
   */
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('TRUSTED_PROXY_COUNT', 1) },
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
