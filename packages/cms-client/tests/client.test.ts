import { ClientError } from 'graphql-request';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCmsClient } from '../src/client';
import { CmsRequestError, CmsUnreachableError } from '../src/errors';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createCmsClient', () => {
  it('reads CMS_URL, falls back to localhost:1337, and drops a trailing slash', () => {
    vi.stubEnv('CMS_URL', '');
    expect(createCmsClient().url).toBe('http://localhost:1337');
    vi.stubEnv('CMS_URL', 'https://cms.binhan.gov.vn/');
    expect(createCmsClient().url).toBe('https://cms.binhan.gov.vn');
    expect(createCmsClient({ url: 'http://127.0.0.1:4000' }).url).toBe('http://127.0.0.1:4000');
  });

  it('refuses a URL that is not http(s), naming CMS_URL', () => {
    expect(() => createCmsClient({ url: 'localhost:1337' })).toThrow(/CMS_URL/);
    expect(() => createCmsClient({ url: 'not a url' })).toThrow(/absolute http\(s\) URL/);
  });

  it('refuses page sizes the CMS would silently cut, and other impossible options', () => {
    expect(() => createCmsClient({ pageSize: 101 })).toThrow('pageSize must be an integer from 1 to 100 (got 101)');
    expect(() => createCmsClient({ pageSize: 0 })).toThrow(RangeError);
    expect(() => createCmsClient({ concurrency: 0 })).toThrow(RangeError);
    expect(() => createCmsClient({ retries: -1 })).toThrow(RangeError);
  });
});

describe('CmsRequestError', () => {
  it('names the operation and the GraphQL messages', () => {
    const error = new CmsRequestError('ArticlesPage', 400, ['Cannot query field "nope" on type "Article".', 'Second']);
    expect(error.message).toBe('CMS request ArticlesPage failed (HTTP 400): Cannot query field "nope" on type "Article".; Second');
  });

  it('leaves out HTTP 200, which GraphQL errors usually come with', () => {
    expect(new CmsRequestError('SiteSettings', 200, ['Forbidden access']).message).toBe('CMS request SiteSettings failed: Forbidden access');
  });

  it('quotes the start of a response that is not GraphQL, not the whole request', () => {
    const cause = new ClientError({ status: 404, headers: new Headers(), body: '<html>Not Found</html>' }, { query: 'query X { x }' });
    expect(new CmsRequestError('X', 404, [], { cause }).message).toBe(
      'CMS request X failed (HTTP 404): unexpected response "<html>Not Found</html>"',
    );
  });

  it('gives the reason of a socket-level failure', () => {
    const cause = new TypeError('fetch failed', { cause: new Error('bad port') });
    expect(new CmsRequestError('X', undefined, [], { cause }).message).toBe('CMS request X failed: fetch failed (bad port)');
  });
});

describe('CmsUnreachableError', () => {
  it('tells how to start the CMS', () => {
    expect(new CmsUnreachableError('http://localhost:1337').message).toBe(
      'CMS at http://localhost:1337 is unreachable: start it with `pnpm start` or set CMS_URL',
    );
  });
});
