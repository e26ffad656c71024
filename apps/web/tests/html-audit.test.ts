import { describe, expect, it } from 'vitest';
import { auditHtml } from './support/html-audit';

// The hostile-input tests are only as good as this checker, so it is tested against known-bad HTML.
describe('auditHtml', () => {
  it('accepts clean renderer output', () => {
    const html =
      '<h2>A</h2><p><strong>b</strong> &amp; <a href="/x" rel="noopener noreferrer">c</a><br></p>' +
      '<ul><li>d<ol><li>e</li></ol></li></ul><figure class="article-figure"><img src="/a.jpg" alt="" loading="lazy" decoding="async"></figure>';
    expect(auditHtml(html)).toEqual([]);
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['a tag outside the allowlist', '<div>x</div>'],
    ['an event handler', '<p onclick="x()">a</p>'],
    ['an unknown attribute', '<p class="x">a</p>'],
    ['a javascript: href', '<a href="javascript:alert(1)">a</a>'],
    ['an entity-spelled javascript: href', '<a href="&amp;#106;avascript:alert(1)">a</a>'],
    ['a data: src', '<img src="data:image/png;base64,AA" alt="">'],
    ['a data: candidate in srcset', '<img src="/a.jpg" srcset="/a.jpg 1w, data:x 2w" alt="">'],
    ['an unquoted attribute', '<a href=/x>a</a>'],
    ['an unclosed tag', '<p>a'],
    ['a mismatched close', '<p><em>a</p></em>'],
    ['a closing tag for a void element', '<br></br>'],
    ['a block inside a paragraph', '<p><ul><li>a</li></ul></p>'],
    ['a list item outside a list', '<li>a</li>'],
    ['text directly inside a list', '<ul>a<li>b</li></ul>'],
    ['a link inside a link', '<a href="/a"><a href="/b">x</a></a>'],
    ['a stray "<"', '<p>a < b</p>'],
    ['a raw ">" in text', '<p>a > b</p>'],
    ['an unexpected entity', '<p>&#106;</p>'],
  ])('flags %s', (_, html) => {
    expect(auditHtml(html)).not.toEqual([]);
  });
});
