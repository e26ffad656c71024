import { describe, expect, it } from 'vitest';
import { isExternalUrl } from '../src/lib/rich-text/external-url';
import { escapeHtml } from '../src/lib/html-escape';
import { IMAGE_SCHEMES, safeUrl } from '../src/lib/rich-text/safe-url';

describe('safeUrl', () => {
  it.each([
    'https://chinhphu.vn/',
    'HTTP://example.vn/a',
    'mailto:toasoan@binhan.gov.vn',
    '/chuyen-muc/kinh-te/',
    '#muc-1',
    '#muc:1',
    './anh.jpg',
    '../tin-tuc/',
    'tin-tuc/bai-viet',
    '?trang=2',
    '/tim-kiem?q=a:b',
    '//cdn.example.vn/a.js',
  ])('allows %s', (url) => {
    expect(safeUrl(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\u0000\u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    'java script:alert(1)',
    'java\u200bscript:alert(1)',
    '\ufeffjavascript:alert(1)',
    '\u00a0javascript:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    '&#0000106&#0000097vascript:alert(1)',
    'javascript&colon;alert(1)',
    'javascript&#58;alert(1)',
    'javascript%3Aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:image/png;base64,AAAA',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'tel:0123456789',
    'tin-tuc:bai-viet',
    '',
    '   ',
  ])('refuses %j', (url) => {
    expect(safeUrl(url)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    for (const value of [null, undefined, 42, {}, ['https://a.vn']]) expect(safeUrl(value)).toBeNull();
  });

  it('trims edge whitespace and drops control characters as a browser would', () => {
    expect(safeUrl('  https://a.vn/b\n  ')).toBe('https://a.vn/b');
    expect(safeUrl('/a\tb')).toBe('/ab');
  });

  it('allows only http(s) and relative URLs for images', () => {
    expect(safeUrl('https://a.vn/x.jpg', IMAGE_SCHEMES)).toBe('https://a.vn/x.jpg');
    expect(safeUrl('/media/x.jpg', IMAGE_SCHEMES)).toBe('/media/x.jpg');
    expect(safeUrl('mailto:a@b.vn', IMAGE_SCHEMES)).toBeNull();
  });
});

describe('isExternalUrl', () => {
  it('treats absolute http(s) and protocol-relative URLs as external', () => {
    expect(isExternalUrl('https://chinhphu.vn/')).toBe(true);
    expect(isExternalUrl('HTTP://a.vn')).toBe(true);
    expect(isExternalUrl('//a.vn/x')).toBe(true);
    expect(isExternalUrl('/\\a.vn/x')).toBe(true);
  });

  it('treats relative and mailto URLs as internal', () => {
    for (const url of ['/a', '#b', './c', '../d', 'e/f', 'mailto:a@b.vn']) expect(isExternalUrl(url)).toBe(false);
  });

  it('treats links to the site itself as internal when the origin is known', () => {
    expect(isExternalUrl('https://binhan.gov.vn/tin/', 'https://binhan.gov.vn')).toBe(false);
    expect(isExternalUrl('https://binhan.gov.vn.evil.vn/', 'https://binhan.gov.vn')).toBe(true);
    expect(isExternalUrl('http://[bad', 'https://binhan.gov.vn')).toBe(true);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves Vietnamese text alone', () => {
    expect(escapeHtml('Bảo vệ an ninh Tổ quốc')).toBe('Bảo vệ an ninh Tổ quốc');
  });
});
