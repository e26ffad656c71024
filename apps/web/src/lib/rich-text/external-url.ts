/**
 * Whether a (already vetted) URL leaves the site: absolute http(s) or protocol-relative (`//host`),
 * unless its origin is the site's own. Backslashes count as slashes because browsers read `/\host`
 * as `//host`.
 */
export function isExternalUrl(url: string, siteOrigin?: string): boolean {
  const normalised = url.replace(/\\/g, '/');
  if (!/^(https?:)?\/\//i.test(normalised)) return false;
  if (siteOrigin === undefined) return true;
  try {
    return new URL(normalised, siteOrigin).origin !== new URL(siteOrigin).origin;
  } catch {
    // An unparsable absolute URL cannot be proven to be ours, so treat it as foreign.
    return true;
  }
}
