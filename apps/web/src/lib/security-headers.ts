/**
 * The HTTP headers every response of the site carries: pages, the 404 page, feeds, assets and media.
 * Written once here for every server of the site (the publisher's static server, and nginx through the
 * includes `pnpm --filter publisher nginx:headers` writes into deploy/nginx/includes), so they are constant
 * strings: no per-response nonce. Pages can live with that because they run no inline script (their
 * scripts are files under /_astro/) and carry no style attribute.
 */

export type SecurityHeaderOptions = {
  /**
   * Origins allowed to frame the site's pages. None by default (`frame-ancestors 'none'`); the dashboard's
   * origin goes here once editors preview pages in it.
   */
  frameAncestors?: readonly string[];
  /**
   * The policy of XML files (RSS, sitemap) rather than pages. Chromium shows those with a built-in viewer
   * that styles its tree inline and draws its arrows with data: images, which the pages' policy refuses
   * (the feed then reads as one blob of text); XML files run no script and load nothing else.
   */
  xml?: boolean;
  /** Origins pages may send requests to besides their own: the view counter's, when it is elsewhere. */
  connectTo?: readonly string[];
};

type Directive = readonly [string, ...string[]];

/**
 * The Content-Security-Policy of the site: pages load everything from their own origin only, nothing
 * inline. See https://www.w3.org/TR/CSP3/ for the directives.
 */
export function contentSecurityPolicy({ frameAncestors = [], xml = false, connectTo = [] }: SecurityHeaderOptions = {}): string {
  const sources: readonly Directive[] = xml
    ? [
        ['style-src', "'unsafe-inline'"],
        ['img-src', 'data:'],
      ]
    : [
        ['script-src', "'self'"],
        ['style-src', "'self'"],
        ['img-src', "'self'"],
        ['font-src', "'self'"],
        // The search page fetches its index files; the counter script sends the page view (lib/site/paths.ts counterUrl).
        ['connect-src', "'self'", ...connectTo],
      ];
  const directives: readonly Directive[] = [
    ['default-src', "'none'"],
    ...sources,
    ['base-uri', "'none'"],
    // The search form is the site's only form, and it submits to the site.
    ['form-action', xml ? "'none'" : "'self'"],
    ['frame-ancestors', ...(frameAncestors.length > 0 ? frameAncestors : ["'none'"])],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/**
 * Powerful features the site never uses, refused for its pages and anything they might embed.
 * Only features Chromium knows: an unknown one is reported as an error in every page's console.
 */
const REFUSED_FEATURES = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'usb',
  'browsing-topics',
];

/**
 * Header name (lower case) → value, for the static server and for nginx's `add_header … always;` lines
 * (deploy/nginx/includes; `{ xml: true }` for the `location ~* \.xml$`).
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): Readonly<Record<string, string>> {
  return {
    'content-security-policy': contentSecurityPolicy(options),
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': REFUSED_FEATURES.map((feature) => `${feature}=()`).join(', '),
    'x-content-type-options': 'nosniff',
  };
}
