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

/** Site-wide path scheme; kept here so every link and every route agree. */
export const paths = {
  article: (slug: string) => `/bai-viet/${slug}/`,
  category: (slug: string) => `/chuyen-muc/${slug}/`,
  author: (slug: string) => `/tac-gia/${slug}/`,
  search: '/tim-kiem/',
  rss: '/rss.xml',
};
