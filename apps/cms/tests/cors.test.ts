import { describe, expect, it } from 'vitest';
import { corsSettings, decideCors, type CorsRequest } from '../src/lib/cors';

const OWN = 'http://127.0.0.1:1337';
const req = (over: Partial<CorsRequest>): CorsRequest => ({
  method: 'GET',
  path: '/api/articles',
  origin: undefined,
  ownOrigin: OWN,
  preflight: false,
  ...over,
});

describe('corsSettings', () => {
  it('opens the public API to any origin by default and trusts PUBLIC_URL', () => {
    const settings = corsSettings({ PUBLIC_URL: 'https://cms.binhan.gov.vn/' });
    expect(settings.publicOrigins).toBe('*');
    expect([...settings.trusted]).toEqual(['https://cms.binhan.gov.vn']);
  });

  it('normalises listed origins and refuses values that are not origins', () => {
    const settings = corsSettings({
      CORS_ORIGINS: ' https://A.gov.vn/ ,http://b.gov.vn:8080',
      CORS_DASHBOARD_ORIGINS: 'https://preview.binhan.gov.vn',
    });
    expect([...(settings.publicOrigins as Set<string>)]).toEqual(['https://a.gov.vn', 'http://b.gov.vn:8080']);
    expect(settings.trusted.has('https://preview.binhan.gov.vn')).toBe(true);
    for (const bad of ['a.gov.vn', 'https://a.gov.vn/path', 'ftp://a.gov.vn', 'https://a.gov.vn?x=1', '*,https://a.gov.vn', 'https://u:p@a.gov.vn']) {
      expect(() => corsSettings({ CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS/);
    }
    expect(() => corsSettings({ CORS_DASHBOARD_ORIGINS: 'evil' })).toThrow(/CORS_DASHBOARD_ORIGINS/);
  });
});

describe('decideCors', () => {
  const open = corsSettings({});
  const listed = corsSettings({ CORS_ORIGINS: 'https://agency.gov.vn' });

  it('never gives credentials to an origin other than the dashboard’s', () => {
    for (const origin of ['https://evil.example', 'null', '', 'HTTP://127.0.0.1:1337', `${OWN}/`, `${OWN}.evil.example`]) {
      for (const path of ['/api/articles', '/graphql', '/admin/access-token', '/admin/login', '/uploads/a.jpg', '/content-manager/x']) {
        for (const settings of [open, listed]) {
          for (const preflight of [true, false]) {
            const decision = decideCors(req({ origin, path, preflight, method: preflight ? 'OPTIONS' : 'POST' }), settings);
            expect(decision.headers['Access-Control-Allow-Credentials'], `${origin} ${path}`).toBeUndefined();
          }
        }
      }
    }
  });

  it('refuses other origins’ preflights and writes to the dashboard, lets their plain reads through without headers', () => {
    for (const path of ['/admin/access-token', '/admin/login', '/ADMIN/login', '/upload', '/i18n/locales', '/']) {
      expect(decideCors(req({ origin: 'https://evil.example', path, preflight: true, method: 'OPTIONS' }), open).refuse, path).toMatch(/refused/);
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
        expect(decideCors(req({ origin: 'https://evil.example', path, method }), open).refuse, `${method} ${path}`).toBeDefined();
      }
      const read = decideCors(req({ origin: 'https://evil.example', path, method: 'GET' }), open);
      expect(read.refuse).toBeUndefined();
      expect(read.headers['Access-Control-Allow-Origin']).toBeUndefined();
    }
  });

  it('answers the public API with * by default, the listed origin otherwise', () => {
    expect(decideCors(req({ origin: 'https://evil.example' }), open).headers['Access-Control-Allow-Origin']).toBe('*');
    expect(decideCors(req({ origin: 'https://agency.gov.vn', path: '/graphql' }), listed).headers['Access-Control-Allow-Origin']).toBe(
      'https://agency.gov.vn',
    );
    expect(decideCors(req({ origin: 'https://evil.example', path: '/graphql' }), listed).headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(decideCors(req({ origin: 'https://evil.example', path: '/graphql', preflight: true, method: 'OPTIONS' }), listed).refuse).toBeDefined();
    // /apix and /graphqlx are not the public API.
    expect(decideCors(req({ origin: 'https://evil.example', path: '/apix', method: 'POST' }), open).refuse).toBeDefined();
    expect(decideCors(req({ origin: 'https://evil.example', path: '/graphqlx', method: 'POST' }), open).refuse).toBeDefined();
  });

  it('trusts the dashboard’s own origin with credentials', () => {
    const decision = decideCors(req({ origin: OWN, path: '/admin/access-token', method: 'POST' }), open);
    expect(decision.refuse).toBeUndefined();
    expect(decision.headers).toMatchObject({ 'Access-Control-Allow-Origin': OWN, 'Access-Control-Allow-Credentials': 'true' });
  });

  it('adds nothing when there is no Origin', () => {
    expect(decideCors(req({ method: 'POST', path: '/admin/login' }), open)).toEqual({ headers: {} });
  });
});
