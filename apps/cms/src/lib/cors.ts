/**
 * The CMS's cross-origin policy, decided per request:
 * - the dashboard's own origin (and configured trusted ones, such as a preview) may call anything with
 *   credentials — the admin refresh cookie is only ever usable from there;
 * - the public read API (/api, /graphql, /uploads) is readable from any origin **without** credentials, or
 *   only from the agencies listed in CORS_ORIGINS;
 * - any other origin gets no CORS headers, and its preflights and state-changing requests to the dashboard's
 *   API are refused outright (403), so a page elsewhere cannot even trigger them with the editor's cookie.
 * Browsers send Origin in lowercase serialised form; configured origins are normalised the same way.
 */

export type CorsSettings = {
  /** Origins trusted with credentials besides the CMS's own (the request's) origin. */
  trusted: ReadonlySet<string>;
  /** Origins that may read the public API from a browser: '*' for any. */
  publicOrigins: '*' | ReadonlySet<string>;
  /** Seconds a browser may cache a preflight answer. */
  maxAge: number;
};

export type CorsRequest = { method: string; path: string; origin: string | undefined; ownOrigin: string; preflight: boolean };

export type CorsDecision = { headers: Record<string, string>; refuse?: string; preflight?: boolean };

const PUBLIC_PATHS = /^\/(api(\/|$)|graphql(\/|$)|uploads\/)/i;
const SAFE_METHODS = new Set(['GET', 'HEAD']);
const PUBLIC_METHODS = 'GET, HEAD, POST, OPTIONS';
const ALL_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'Content-Type, Authorization, Accept, Origin';

/** `https://Agency.example/` → `https://agency.example`; throws with the offending value when it is not an origin. */
export function normaliseOrigin(value: string, variable: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${variable}: "${value}" is not an origin (expected e.g. https://so-ban-nganh.gov.vn)`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`${variable}: "${value}" is not an origin (scheme, host and port only)`);
  }
  return url.origin;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Reads CORS_ORIGINS, CORS_DASHBOARD_ORIGINS and PUBLIC_URL; an invalid value stops the start with its name. */
export function corsSettings(env: NodeJS.ProcessEnv = process.env): CorsSettings {
  const trusted = new Set(list(env.CORS_DASHBOARD_ORIGINS).map((value) => normaliseOrigin(value, 'CORS_DASHBOARD_ORIGINS')));
  if (env.PUBLIC_URL) trusted.add(new URL(env.PUBLIC_URL).origin);
  const configured = list(env.CORS_ORIGINS);
  const publicOrigins =
    configured.length === 0 || (configured.length === 1 && configured[0] === '*')
      ? '*'
      : new Set(
          configured.map((value) => {
            if (value === '*') throw new Error('CORS_ORIGINS: "*" cannot be combined with a list of origins');
            return normaliseOrigin(value, 'CORS_ORIGINS');
          }),
        );
  return { trusted, publicOrigins, maxAge: 600 };
}

/** What to answer and which headers to add for one request. */
export function decideCors(request: CorsRequest, settings: CorsSettings): CorsDecision {
  const { origin } = request;
  if (origin === undefined) return { headers: {} };
  const vary = { Vary: 'Origin' };
  const preflightHeaders = (methods: string) => ({
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': String(settings.maxAge),
  });

  if (origin === request.ownOrigin || settings.trusted.has(origin)) {
    const headers = { ...vary, 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' };
    return request.preflight ? { headers: { ...headers, ...preflightHeaders(ALL_METHODS) }, preflight: true } : { headers };
  }

  if (PUBLIC_PATHS.test(request.path)) {
    const open = settings.publicOrigins === '*';
    if (!open && !(settings.publicOrigins as ReadonlySet<string>).has(origin)) {
      return request.preflight ? { headers: vary, refuse: `Origin ${origin} may not call this API from a browser` } : { headers: vary };
    }
    const headers = open ? { 'Access-Control-Allow-Origin': '*' } : { ...vary, 'Access-Control-Allow-Origin': origin };
    return request.preflight ? { headers: { ...headers, ...preflightHeaders(PUBLIC_METHODS) }, preflight: true } : { headers };
  }

  if (request.preflight || !SAFE_METHODS.has(request.method.toUpperCase())) {
    return { headers: vary, refuse: `Cross-origin requests to the dashboard are refused (origin ${origin})` };
  }
  return { headers: vary };
}
