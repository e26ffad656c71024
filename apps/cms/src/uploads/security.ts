import type { UploadSettings } from './settings';

/** Strapi's own CSP sources for images and media (@strapi/utils CSP_DEFAULTS), which a config replaces. */
const STRAPI_IMG_SRC = ["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io'];
const STRAPI_MEDIA_SRC = ["'self'", 'data:', 'blob:'];

type SecurityMiddleware = 'strapi::security' | { name: 'strapi::security'; config: Record<string, unknown> };

/**
 * The `strapi::security` entry of config/middlewares.ts. Locally media come from the CMS itself and
 * Strapi's defaults stand. With s3 the dashboard shows images and plays videos from the bucket: its
 * Content-Security-Policy allows img-src and media-src from the origin of S3_PUBLIC_URL, that one only.
 * Strapi fills a config's missing keys from its defaults, arrays index by index (hence every default source
 * repeated here, the bucket's origin last); the preview's frame-src is merged into this entry at start.
 */
export function securityMiddleware(settings: UploadSettings): SecurityMiddleware {
  if (settings.provider === 'local') return 'strapi::security';
  return {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        directives: {
          'img-src': [...STRAPI_IMG_SRC, settings.publicOrigin],
          'media-src': [...STRAPI_MEDIA_SRC, settings.publicOrigin],
        },
      },
    },
  };
}
