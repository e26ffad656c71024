import { describe, expect, it } from 'vitest';
import {
  checkPreviewToken,
  draftRouteKey,
  draftRouteKeyMatches,
  previewPath,
  signPreviewToken,
  type PreviewClaim,
} from '../src/contract/preview-link';
import { previewSettings } from '../src/preview/settings';

const SECRET = 'a'.repeat(64);
const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);
const claim: PreviewClaim = { kind: 'article', documentId: 'abc123def456ghi789jkl012', status: 'draft', expires: NOW / 1000 + 3600 };
const token = signPreviewToken(SECRET, claim);
const check = (t: unknown, documentId: unknown = claim.documentId, kind: unknown = 'article', now = NOW) =>
  checkPreviewToken(SECRET, kind, documentId, t, now);

describe('preview links', () => {
  it('open the document they were made for, until they expire', () => {
    expect(check(token)).toEqual({ ok: true, claim });
    expect(previewPath(claim, token)).toBe(`/article/${claim.documentId}?token=${encodeURIComponent(token)}`);
    expect(check(token, claim.documentId, 'article', claim.expires * 1000 - 1).ok).toBe(true);
    expect(check(token, claim.documentId, 'article', claim.expires * 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are forged when anything signed differs: the signature, the document, the status, the expiry, the secret', () => {
    const [status, expires, signature] = token.split('.');
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(check(`${status}.${expires}.${flipped}`)).toEqual({ ok: false, reason: 'forged' });
    expect(check(token, 'zzz123def456ghi789jkl012')).toEqual({ ok: false, reason: 'forged' });
    expect(check(`published.${expires}.${signature}`)).toEqual({ ok: false, reason: 'forged' });
    expect(check(`${status}.${Number(expires) + 3600}.${signature}`)).toEqual({ ok: false, reason: 'forged' });
    expect(checkPreviewToken('b'.repeat(64), 'article', claim.documentId, token, NOW)).toEqual({ ok: false, reason: 'forged' });
    // Expired and forged: forged (nothing of an unsigned claim is believed).
    expect(check(`${status}.1.${signature}`, claim.documentId, 'article', NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['repeated (an array)', [token, token]],
    ['an object', { token }],
    ['a number', 42],
    ['other case', token.toUpperCase()],
    ['status in capitals', token.replace(/^draft/, 'DRAFT')],
    ['a space before', ` ${token}`],
    ['a space after', `${token} `],
    ['a character more', `${token}A`],
    ['a character less', token.slice(0, -1)],
    ['a part missing', token.split('.').slice(1).join('.')],
    ['a NUL', `${token}\0`],
  ])('are malformed when the token is %s', (_name, value) => {
    expect(check(value)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('are malformed for another kind or a documentId of another shape', () => {
    expect(check(token, claim.documentId, 'category')).toEqual({ ok: false, reason: 'malformed' });
    expect(check(token, claim.documentId, ['article'])).toEqual({ ok: false, reason: 'malformed' });
    expect(check(token, claim.documentId.toUpperCase())).toEqual({ ok: false, reason: 'malformed' });
    expect(check(token, `${claim.documentId}/`)).toEqual({ ok: false, reason: 'malformed' });
    expect(check(token, '')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('cannot be signed with a short secret', () => {
    expect(() => signPreviewToken('short', claim)).toThrow(/PREVIEW_SECRET/);
  });
});

describe("the draft route's key", () => {
  const key = draftRouteKey(SECRET);

  it('is derived from the secret, and tells nothing of the links’ key', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toBe(SECRET);
    expect(token).not.toContain(key);
    expect(draftRouteKeyMatches(key, SECRET)).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['an array (a repeated header)', [key, key]],
    ['two joined', `${key}, ${key}`],
    ['other case', key.toUpperCase()],
    ['the secret itself', SECRET],
    ['a space after', `${key} `],
  ])('refuses a key %s', (_name, value) => {
    expect(draftRouteKeyMatches(value, SECRET)).toBe(false);
  });

  it('refuses every key without a secret of the right length', () => {
    expect(draftRouteKeyMatches(key, '')).toBe(false);
  });
});

describe('previewSettings', () => {
  it('is off without PREVIEW_SECRET, and names what is wrong', () => {
    expect(previewSettings({})).toBeNull();
    expect(() => previewSettings({ PREVIEW_SECRET: 'short' })).toThrow(/PREVIEW_SECRET/);
    expect(() => previewSettings({ PREVIEW_SECRET: SECRET, PREVIEW_TTL_SECONDS: '5' })).toThrow(/PREVIEW_TTL_SECONDS/);
    expect(() => previewSettings({ PREVIEW_SECRET: SECRET, PREVIEW_URL: 'ftp://x' })).toThrow(/PREVIEW_URL/);
  });

  it('points at the publisher by default, for an hour', () => {
    expect(previewSettings({ PREVIEW_SECRET: SECRET })).toEqual({
      secret: SECRET,
      url: 'http://127.0.0.1:4322/preview',
      origin: 'http://127.0.0.1:4322',
      ttlSeconds: 3600,
    });
    const settings = previewSettings({
      PREVIEW_SECRET: SECRET,
      PUBLISHER_URL: 'http://pub:9000/',
      PREVIEW_URL: 'https://xem.binhan.gov.vn/preview/',
      PREVIEW_TTL_SECONDS: '600',
    });
    expect(settings).toMatchObject({ url: 'https://xem.binhan.gov.vn/preview', origin: 'https://xem.binhan.gov.vn', ttlSeconds: 600 });
  });
});
