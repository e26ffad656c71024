import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cms } from './helpers/cms';
import { bootEmptyCms } from './helpers/seeded';

/**
 * Cross-origin rules over real HTTP: the admin refresh cookie is usable from the dashboard's own origin
 * only; the public API is readable from elsewhere without credentials (any origin, or CORS_ORIGINS).
 */

const EVIL = 'https://evil.example';
const AGENCY = 'https://so-noi-vu.binhan.gov.vn';
const EDITOR = { email: 'bientap@binhan.gov.vn', password: 'BinhAn2026!' };

let cms: Cms;

async function request(path: string, init: RequestInit & { origin?: string; preflight?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.origin !== undefined) headers.set('origin', init.origin);
  if (init.preflight) {
    headers.set('access-control-request-method', init.preflight);
    headers.set('access-control-request-headers', 'content-type, authorization');
  }
  const response = await fetch(`${cms.url}${path}`, { ...init, method: init.preflight ? 'OPTIONS' : init.method, headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Logs the editor in from the dashboard's own origin, as the dashboard does; returns the refresh cookie. */
async function logIn(): Promise<string> {
  const response = await fetch(`${cms.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: cms.url },
    body: JSON.stringify(EDITOR),
  });
  expect(response.status).toBe(200);
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  expect(cookies.length).toBeGreaterThan(0);
  return cookies.join('; ');
}

function expectNoCors(headers: Headers, where: string) {
  expect(headers.get('access-control-allow-origin'), where).toBeNull();
  expect(headers.get('access-control-allow-credentials'), where).toBeNull();
}

describe('with the default policy (public API open to any origin)', () => {
  beforeAll(async () => {
    cms = await bootEmptyCms({ ADMIN_EMAIL: EDITOR.email, ADMIN_PASSWORD: EDITOR.password });
  });
  afterAll(async () => {
    await cms?.stop();
  });

  it('refuses a fresh admin token to another origin holding the editor’s cookie', async () => {
    const cookie = await logIn();
    const own = await request('/admin/access-token', {
      method: 'POST',
      origin: cms.url,
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(own.status).toBe(200);
    expect(own.text).toMatch(/"token"/);
    expect(own.headers.get('access-control-allow-origin')).toBe(cms.url);

    for (const origin of [
      EVIL,
      'null',
      // An empty Origin header is an origin that is not the dashboard's, not the absence of one.
      '',
      'https://binhan.gov.vn.evil.example',
      cms.url.replace('127.0.0.1', 'localhost'),
      cms.url.toUpperCase(),
      `${cms.url}/`,
    ]) {
      const stolen = await request('/admin/access-token', {
        method: 'POST',
        origin,
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(stolen.status, origin).toBe(403);
      expect(stolen.text, origin).not.toMatch(/"token"/);
      expect((JSON.parse(stolen.text) as { error: { message: string } }).error.message).toMatch(/Cross-origin requests to the dashboard are refused/);
      expectNoCors(stolen.headers, origin);
    }
  });

  it('refuses other origins’ preflights to the admin API and caches none for a year', async () => {
    for (const path of ['/admin/login', '/admin/access-token', '/content-manager/collection-types/api::article.article', '/upload']) {
      const preflight = await request(path, { origin: EVIL, preflight: 'POST' });
      expect(preflight.status, path).toBe(403);
      expectNoCors(preflight.headers, path);
      const own = await request(path, { origin: cms.url, preflight: 'POST' });
      expect(own.status, path).toBe(204);
      expect(own.headers.get('access-control-allow-credentials')).toBe('true');
      expect(Number(own.headers.get('access-control-max-age'))).toBeLessThanOrEqual(600);
    }
    const login = await request('/admin/login', {
      method: 'POST',
      origin: EVIL,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EDITOR),
    });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
  });

  it('lets any origin read the public API, never with credentials', async () => {
    for (const path of ['/graphql', '/api/articles']) {
      const preflight = await request(path, { origin: EVIL, preflight: 'POST' });
      expect(preflight.status, path).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(Number(preflight.headers.get('access-control-max-age'))).toBeLessThanOrEqual(600);
    }
    const read = await request('/api/articles', { origin: EVIL });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
    const graphql = await request('/graphql', {
      method: 'POST',
      origin: EVIL,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles { title } }' }),
    });
    expect(graphql.status).toBe(200);
    expect(graphql.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('adds no CORS headers to requests that carry no Origin', async () => {
    const response = await request('/api/articles');
    expect(response.status).toBe(200);
    expectNoCors(response.headers, 'no origin');
  });
});

describe('with CORS_ORIGINS listing one agency', () => {
  beforeAll(async () => {
    cms = await bootEmptyCms({ CORS_ORIGINS: `${AGENCY}/, https://Example.GOV.vn` });
  });
  afterAll(async () => {
    await cms?.stop();
    delete process.env.CORS_ORIGINS;
  });

  it('lets that agency read, without credentials, and no one else', async () => {
    for (const origin of [AGENCY, 'https://example.gov.vn']) {
      const preflight = await request('/graphql', { origin, preflight: 'POST' });
      expect(preflight.status, origin).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      expect(preflight.headers.get('vary')).toMatch(/Origin/);
    }
    for (const origin of [EVIL, `${AGENCY}.evil.example`, AGENCY.replace('https', 'http'), 'null']) {
      const preflight = await request('/graphql', { origin, preflight: 'POST' });
      expect(preflight.status, origin).toBe(403);
      expectNoCors(preflight.headers, origin);
      const read = await request('/api/articles', { origin });
      expectNoCors(read.headers, origin);
    }
  });
});
