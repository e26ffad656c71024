import { describe, expect, it, vi } from 'vitest';
import { renderBlocks, type BlockImage, type ResolvedImage } from '../src/lib/rich-text';
import { articleBlocks } from './fixtures/article-blocks';
import { auditHtml } from './support/html-audit';

const t = (text: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text, ...marks });
const p = (...children: unknown[]) => ({ type: 'paragraph', children });
const a = (url: string, ...children: unknown[]) => ({ type: 'link', url, children });
const item = (...children: unknown[]) => ({ type: 'list-item', children });
const list = (format: string, ...children: unknown[]) => ({ type: 'list', format, children });
const img = (url: string, extra: Record<string, unknown> = {}) => ({
  type: 'image',
  image: { url, alternativeText: 'Ảnh', caption: null, width: 800, height: 600, ...extra },
});

/** The site's real mapping, in miniature: CMS uploads become files under /media/. */
function toMedia(image: BlockImage): ResolvedImage {
  const srcset = Object.values(image.formats).map((f) => `${f.url.replace('/uploads/', '/media/')} ${f.width}w`);
  return {
    src: image.url.replace('/uploads/', '/media/'),
    ...(srcset.length > 0 ? { srcset: srcset.join(', '), sizes: '(min-width: 768px) 720px, 100vw' } : {}),
    width: image.width ?? 0,
    height: image.height ?? 0,
  };
}

describe('renderBlocks: the recorded article', () => {
  const html = renderBlocks(articleBlocks, { resolveImage: toMedia, eagerFirstImage: true });

  it('renders the whole body', () => {
    expect(html.split('\n')).toEqual(
      [
        '<h2>Tổng quan</h2>',
        '<p>Sáng 01/4, <strong>UBND tỉnh</strong> tổ chức hội nghị <em><u>tổng kết</u></em> năm 2025.</p>',
        '<p>Xem <a href="https://chinhphu.vn/van-ban?id=1&amp;lang=vi" rel="noopener noreferrer">văn bản gốc</a> và <a href="/chuyen-muc/kinh-te/"><strong>tin liên quan</strong></a>.</p>',
        '<h3>Các chỉ tiêu chính</h3>',
        '<ul><li>Tăng trưởng GRDP 8,2%</li><li>Thu ngân sách<ol><li>Thu nội địa</li><li>Thu xuất nhập khẩu</li></ol></li><li>Giải ngân vốn đầu tư công</li></ul>',
        '<blockquote><p>Phát triển nhanh và bền vững.</p></blockquote>',
        '<figure class="article-figure"><img src="/media/hoi_nghi_1a2b.jpg" srcset="/media/small_hoi_nghi_1a2b.jpg 500w, /media/medium_hoi_nghi_1a2b.jpg 750w" sizes="(min-width: 768px) 720px, 100vw" width="1600" height="900" alt="Quang cảnh hội nghị" loading="eager" fetchpriority="high" decoding="async"><figcaption>Quang cảnh hội nghị tổng kết</figcaption></figure>',
        '<figure class="article-figure"><img src="/media/bieu_do.png" width="800" height="600" alt="" loading="lazy" decoding="async"></figure>',
        '<pre><code>Mã hồ sơ: 001\nNgày: 01/4</code></pre>',
      ]
        .join('\n')
        .split('\n'),
    );
  });

  it('passes the HTML audit', () => {
    expect(auditHtml(html)).toEqual([]);
  });

  it('never emits an h1 (the page title is the only one)', () => {
    expect(html).not.toContain('<h1');
  });
});

describe('renderBlocks: blocks', () => {
  it('renders paragraphs and skips empty ones', () => {
    expect(renderBlocks([p(t('Một')), p(t('')), p(t('   ')), p(), p(t('Hai'))])).toBe('<p>Một</p>\n<p>Hai</p>');
  });

  it('turns soft line breaks into <br>', () => {
    expect(renderBlocks([p(t('dòng 1\ndòng 2\r\ndòng 3'))])).toBe('<p>dòng 1<br>dòng 2<br>dòng 3</p>');
  });

  it.each([
    [1, 'h2'],
    [2, 'h2'],
    [3, 'h3'],
    [4, 'h4'],
    [5, 'h5'],
    [6, 'h6'],
    [0, 'h2'],
    [7, 'h6'],
    [3.4, 'h3'],
    [undefined, 'h2'],
  ])('renders heading level %s as <%s>', (level, tag) => {
    expect(renderBlocks([{ type: 'heading', level, children: [t('Tiêu đề')] }])).toBe(`<${tag}>Tiêu đề</${tag}>`);
  });

  it('renders ordered and unordered lists, defaulting to unordered', () => {
    expect(renderBlocks([list('ordered', item(t('a')), item(t('b')))])).toBe('<ol><li>a</li><li>b</li></ol>');
    expect(renderBlocks([list('unordered', item(t('a')))])).toBe('<ul><li>a</li></ul>');
    expect(renderBlocks([list('zigzag', item(t('a')))])).toBe('<ul><li>a</li></ul>');
  });

  it('nests a list written inside a list item', () => {
    const blocks = [list('unordered', item(t('cha'), list('ordered', item(t('con')))))];
    expect(renderBlocks(blocks)).toBe('<ul><li>cha<ol><li>con</li></ol></li></ul>');
  });

  it("moves Strapi's sibling sub-lists into the preceding item, several levels deep", () => {
    const blocks = [list('unordered', item(t('1')), list('unordered', item(t('1.1')), list('ordered', item(t('1.1.1')))), item(t('2')))];
    expect(renderBlocks(blocks)).toBe('<ul><li>1<ul><li>1.1<ol><li>1.1.1</li></ol></li></ul></li><li>2</li></ul>');
  });

  it('gives a sub-list with no preceding item its own item', () => {
    expect(renderBlocks([list('unordered', list('ordered', item(t('x'))))])).toBe('<ul><li><ol><li>x</li></ol></li></ul>');
  });

  it('drops empty list items and empty lists', () => {
    expect(renderBlocks([list('unordered', item(t('')), item(t('a')))])).toBe('<ul><li>a</li></ul>');
    expect(renderBlocks([list('unordered', item())])).toBe('');
  });

  it('renders a quote', () => {
    expect(renderBlocks([{ type: 'quote', children: [t('Trích '), t('dẫn', { italic: true })] }])).toBe(
      '<blockquote><p>Trích <em>dẫn</em></p></blockquote>',
    );
  });

  it('renders a code block with its line breaks and no marks', () => {
    expect(renderBlocks([{ type: 'code', children: [t('if (a < b) {\n  x();\n}', { bold: true })] }])).toBe(
      '<pre><code>if (a &lt; b) {\n  x();\n}</code></pre>',
    );
  });

  it('renders unknown blocks as their escaped text', () => {
    expect(renderBlocks([{ type: 'callout', html: '<b>x</b>', children: [t('Lưu ý <b>')] }])).toBe('<p>Lưu ý &lt;b&gt;</p>');
  });

  it('wraps inline nodes stranded at the top level in a paragraph', () => {
    expect(renderBlocks([t('lẻ', { bold: true })])).toBe('<p><strong>lẻ</strong></p>');
  });

  it('returns an empty string for empty or missing content', () => {
    expect(renderBlocks([])).toBe('');
    expect(renderBlocks(null)).toBe('');
    expect(renderBlocks(undefined)).toBe('');
  });
});

describe('renderBlocks: inline marks', () => {
  it.each([
    ['bold', '<strong>x</strong>'],
    ['italic', '<em>x</em>'],
    ['underline', '<u>x</u>'],
    ['strikethrough', '<s>x</s>'],
    ['code', '<code>x</code>'],
  ])('renders %s', (mark, expected) => {
    expect(renderBlocks([p(t('x', { [mark]: true }))])).toBe(`<p>${expected}</p>`);
  });

  it('nests all marks in one fixed order', () => {
    const all = { bold: true, italic: true, underline: true, strikethrough: true, code: true };
    expect(renderBlocks([p(t('x', all))])).toBe('<p><strong><em><u><s><code>x</code></s></u></em></strong></p>');
  });

  it('ignores marks that are false', () => {
    expect(renderBlocks([p(t('x', { bold: false }))])).toBe('<p>x</p>');
  });
});

describe('renderBlocks: links', () => {
  it.each([
    ['/chuyen-muc/kinh-te/', '<a href="/chuyen-muc/kinh-te/">x</a>'],
    ['#muc-2', '<a href="#muc-2">x</a>'],
    ['./phu-luc/', '<a href="./phu-luc/">x</a>'],
    ['../tin/', '<a href="../tin/">x</a>'],
    ['tin-tuc/bai-1/', '<a href="tin-tuc/bai-1/">x</a>'],
    ['mailto:toasoan@binhan.gov.vn', '<a href="mailto:toasoan@binhan.gov.vn">x</a>'],
    ['https://chinhphu.vn/', '<a href="https://chinhphu.vn/" rel="noopener noreferrer">x</a>'],
    ['HTTP://a.vn/?a=1&b=2', '<a href="HTTP://a.vn/?a=1&amp;b=2" rel="noopener noreferrer">x</a>'],
    ['//cdn.a.vn/x', '<a href="//cdn.a.vn/x" rel="noopener noreferrer">x</a>'],
    ['  https://a.vn/  ', '<a href="https://a.vn/" rel="noopener noreferrer">x</a>'],
  ])('keeps the safe link %j', (url, expected) => {
    expect(renderBlocks([p(a(url, t('x')))])).toBe(`<p>${expected}</p>`);
  });

  it('does not mark links to the site itself as external', () => {
    const html = renderBlocks([p(a('https://binhan.gov.vn/tin/', t('x')))], { siteOrigin: 'https://binhan.gov.vn' });
    expect(html).toBe('<p><a href="https://binhan.gov.vn/tin/">x</a></p>');
  });

  it('keeps marks inside a link', () => {
    expect(renderBlocks([p(a('/a', t('đậm', { bold: true }), t(' thường')))])).toBe('<p><a href="/a"><strong>đậm</strong> thường</a></p>');
  });

  it('drops an anchor that has no words', () => {
    expect(renderBlocks([p(t('trước '), a('/a', t('')), t('sau'))])).toBe('<p>trước sau</p>');
  });

  it('renders a link with a refused URL as its words', () => {
    expect(renderBlocks([p(a('javascript:alert(1)', t('Xem', { bold: true })))])).toBe('<p><strong>Xem</strong></p>');
  });
});

describe('renderBlocks: images', () => {
  const resolve = (image: BlockImage): ResolvedImage => ({ src: image.url, width: image.width ?? 0, height: image.height ?? 0 });

  it('renders a figure with caption and escaped alt', () => {
    const html = renderBlocks([img('/a.jpg', { alternativeText: 'Cầu "Rồng"', caption: 'Cầu Rồng & sông Hàn' })], { resolveImage: resolve });
    expect(html).toBe(
      '<figure class="article-figure"><img src="/a.jpg" width="800" height="600" alt="Cầu &quot;Rồng&quot;" loading="lazy" decoding="async">' +
        '<figcaption>Cầu Rồng &amp; sông Hàn</figcaption></figure>',
    );
  });

  it('omits the figcaption when there is no caption, and uses alt="" without alternative text', () => {
    const html = renderBlocks([img('/a.jpg', { alternativeText: null, caption: '  ' })], { resolveImage: resolve });
    expect(html).toBe('<figure class="article-figure"><img src="/a.jpg" width="800" height="600" alt="" loading="lazy" decoding="async"></figure>');
  });

  it('loads only the first image eagerly when asked', () => {
    const html = renderBlocks([img('/1.jpg'), img('/2.jpg'), img('/3.jpg')], { resolveImage: resolve, eagerFirstImage: true });
    expect(html.match(/loading="eager" fetchpriority="high"/g)).toHaveLength(1);
    expect(html.match(/loading="lazy"/g)).toHaveLength(2);
    expect(html.indexOf('/1.jpg')).toBeLessThan(html.indexOf('loading="eager"'));
    expect(html.indexOf('loading="eager"')).toBeLessThan(html.indexOf('/2.jpg'));
  });

  it('loads every image lazily by default', () => {
    const html = renderBlocks([img('/1.jpg'), img('/2.jpg')], { resolveImage: resolve });
    expect(html).not.toContain('eager');
    expect(html).not.toContain('fetchpriority');
  });

  it('skips the whole figure, caption included, when the resolver returns null', () => {
    const resolveImage = (image: BlockImage): ResolvedImage | null => (image.url === '/missing.jpg' ? null : resolve(image));
    const html = renderBlocks([img('/missing.jpg', { caption: 'mất' }), img('/ok.jpg')], { resolveImage, eagerFirstImage: true });
    expect(html).not.toContain('mất');
    // The first image actually shown is the one that gets priority.
    expect(html).toContain('<img src="/ok.jpg" width="800" height="600" alt="Ảnh" loading="eager" fetchpriority="high"');
  });

  it('leaves images out when no resolver is given, rather than linking to the CMS', () => {
    expect(renderBlocks([img('/uploads/a.jpg', { caption: 'x' })])).toBe('');
  });

  it('hands the resolver a checked copy of the CMS image', () => {
    const resolveImage = vi.fn(resolve);
    renderBlocks(
      [
        {
          type: 'image',
          image: {
            url: '/uploads/a.jpg',
            alternativeText: 'A',
            caption: 7,
            width: '800',
            height: 600,
            formats: { small: { url: '/uploads/small_a.jpg', width: 500, height: 375 }, broken: { width: 1 } },
            provider: 'local',
          },
        },
      ],
      { resolveImage },
    );
    expect(resolveImage).toHaveBeenCalledWith({
      url: '/uploads/a.jpg',
      alternativeText: 'A',
      caption: null,
      width: null,
      height: 600,
      formats: { small: { url: '/uploads/small_a.jpg', width: 500, height: 375 } },
    });
  });

  it('does not call the resolver for an image without a URL', () => {
    const resolveImage = vi.fn(resolve);
    renderBlocks([{ type: 'image', image: { url: '' } }, { type: 'image' }], { resolveImage });
    expect(resolveImage).not.toHaveBeenCalled();
  });

  it('renders srcset and sizes, and omits width/height that are not positive numbers', () => {
    const html = renderBlocks([img('/a.jpg')], {
      resolveImage: () => ({ src: '/a.jpg', srcset: '/a-500.jpg 500w, /a-800.jpg 800w', sizes: '100vw', width: Number.NaN, height: 0 }),
    });
    expect(html).toContain('<img src="/a.jpg" srcset="/a-500.jpg 500w, /a-800.jpg 800w" sizes="100vw" alt="Ảnh"');
  });

  it('drops a srcset with one unsafe candidate but keeps the image', () => {
    const html = renderBlocks([img('/a.jpg')], {
      resolveImage: () => ({ src: '/a.jpg', srcset: '/a.jpg 1x, javascript:alert(1) 2x', sizes: '100vw', width: 1, height: 1 }),
    });
    expect(html).toBe('<figure class="article-figure"><img src="/a.jpg" width="1" height="1" alt="Ảnh" loading="lazy" decoding="async"></figure>');
  });

  it('skips the figure when the resolved src is not an http(s) or relative URL', () => {
    for (const src of ['javascript:alert(1)', 'data:image/png;base64,AA', 'mailto:a@b.vn', '']) {
      expect(renderBlocks([img('/a.jpg')], { resolveImage: () => ({ src, width: 1, height: 1 }) })).toBe('');
    }
  });
});
