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
