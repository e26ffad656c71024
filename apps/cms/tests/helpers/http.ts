import { request, type IncomingHttpHeaders } from 'node:http';
import type { Cms } from './cms';

export type GraphqlResponse<T> = {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  raw: string;
};

/** POSTs a GraphQL document to the CMS as a reader would (anonymous unless a token is given). */
export async function graphql<T = Record<string, unknown>>(
  cms: Cms,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${cms.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const raw = await response.text();
  const body = JSON.parse(raw) as { data?: T; errors?: GraphqlResponse<T>['errors'] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors, raw };
}

export type RestBody<T = unknown> = {
  data?: T;
  error?: { status: number; name: string; message: string; details?: unknown };
  meta?: { pagination?: { total: number } };
};
export type RestResponse<T = unknown> = { status: number; body: RestBody<T>; raw: string };

/** Calls the REST content API (`/api/...`). */
export async function rest<T = unknown>(
  cms: Cms,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<RestResponse<T>> {
  const response = await fetch(`${cms.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const raw = await response.text();
  return { status: response.status, body: raw ? (JSON.parse(raw) as RestBody<T>) : {}, raw };
}

/** An API token of `type`, as an agency integrator (read-only) or an admin script (full-access) would hold. */
export async function apiToken(cms: Cms, type: 'full-access' | 'read-only'): Promise<string> {
  const tokens = cms.strapi.service('admin::api-token') as { create(token: Record<string, unknown>): Promise<{ accessKey: string }> };
  const token = await tokens.create({ name: `test-${type}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, type, lifespan: null });
  return token.accessKey;
}

/** A full-access API token, as an admin script would hold. */
export function fullAccessToken(cms: Cms): Promise<string> {
  return apiToken(cms, 'full-access');
}

export type Reply = { status: number; headers: IncomingHttpHeaders; text: string; json: <T>() => T };

/**
 * One HTTP request exactly as given: the path is sent as it is (fetch would normalise `/api/../api`), a header
 * given a list is sent as several header lines, and `from` picks the local address it comes from.
 */
export function send(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string | string[]>; body?: string; from?: string } = {},
): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.from,
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Logs in to the dashboard as `admin` (an ADMIN_EMAIL/ADMIN_PASSWORD the CMS was booted with): its JWT. */
export async function adminLogin(url: string, admin: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (response.status !== 200) throw new Error(`Dashboard login as ${admin.email}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { token: string } }).data.token;
}
