/** The public address of the site, used for canonical URLs, the sitemap, RSS and Open Graph. */
export function siteUrl(env: Record<string, string | undefined> = process.env): string {
  return (env.SITE_URL ?? 'http://localhost:4321').replace(/\/+$/, '');
}

/**
 * Where editors log in ("Đăng nhập"): the CMS dashboard as readers' browsers reach it, which in
 * production differs from the address the build fetches from.
 */
export function dashboardUrl(env: Record<string, string | undefined> = process.env): string {
  const base = env.CMS_PUBLIC_URL ?? env.CMS_URL ?? 'http://localhost:1337';
  return `${base.replace(/\/+$/, '')}/admin`;
}

/**
 * Where pages send their view count and get the live numbers (the CMS's POST /counter), as readers'
 * browsers reach it: COUNTER_URL — a path such as `/counter` when a proxy serves it on the site's own
 * origin (docker-compose's nginx), or an absolute URL — else `<CMS_PUBLIC_URL>/counter`.
 */
export function counterUrl(env: Record<string, string | undefined> = process.env): string {
  const explicit = env.COUNTER_URL?.trim();
  if (explicit) {
    const absolute = /^https?:\/\//i.test(explicit);
    if (!absolute && !/^\/[^/\\]/.test(explicit)) throw new Error(`COUNTER_URL must be a path (/counter) or an http(s) URL (got "${explicit}")`);
    if (absolute) new URL(explicit); // throws on a malformed URL
    return explicit.replace(/\/+$/, '');
  }
  const base = env.CMS_PUBLIC_URL ?? env.CMS_URL ?? 'http://localhost:1337';
  return `${base.replace(/\/+$/, '')}/counter`;
}

/** The origin pages connect to for the counter, when it is not their own (for the CSP's connect-src). */
export function counterOrigin(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? new URL(url).origin : undefined;
}

/** Site-wide path scheme; kept here so every link and every route agree. */
export const paths = {
  article: (slug: string) => `/bai-viet/${slug}/`,
  category: (slug: string) => `/chuyen-muc/${slug}/`,
  author: (slug: string) => `/tac-gia/${slug}/`,
  search: '/tim-kiem/',
  rss: '/rss.xml',
};
