import { describe, expect, it } from 'vitest';
import { htmlToText, innerHtml } from '../src/lib/html-text';
import { mediaPath, mediaUrls, resolveImage } from '../src/lib/media/images';

const file = {
  url: '/uploads/anh_1_abc.jpg',
  width: 1200,
  height: 800,
  alternativeText: 'Hội nghị',
  formats: {
    thumbnail: { url: '/uploads/thumbnail_anh_1_abc.jpg', width: 234, height: 156 },
    small: { url: '/uploads/small_anh_1_abc.jpg', width: 480, height: 320 },
    medium: { url: '/uploads/medium_anh_1_abc.jpg', width: 800, height: 533 },
  },
};

describe('media', () => {
  it('maps CMS uploads into the site', () => {
    expect(mediaPath('/uploads/anh_1_abc.jpg')).toBe('/media/anh_1_abc.jpg');
    expect(mediaPath('https://cdn.example.vn/uploads/a%20b.jpg?x=1')).toBe('/media/a%20b.jpg');
    expect(mediaUrls(file)).toHaveLength(4);
    expect(mediaUrls(null)).toEqual([]);
  });

  it('gives a responsive image: every width in srcset, intrinsic size of the chosen one', () => {
    const image = resolveImage(file)!;
    expect(image.src).toBe('/media/medium_anh_1_abc.jpg');
    expect(image.width).toBe(800);
    expect(image.height).toBe(533);
    expect(image.srcset).toBe(
      '/media/thumbnail_anh_1_abc.jpg 234w, /media/small_anh_1_abc.jpg 480w, /media/medium_anh_1_abc.jpg 800w, /media/anh_1_abc.jpg 1200w',
    );
    expect(resolveImage({ url: '/uploads/x.jpg' })).toBeNull();
    expect(resolveImage(undefined)).toBeNull();
  });
});

describe('html-text', () => {
  it('extracts readable text from built pages', () => {
    const html = '<main><article><h1>Tiêu đề &amp; tin</h1><p class="lead">Sapo&#39;s</p><p>Đoạn <b>một</b></p><script>x()</script></article></main>';
    expect(htmlToText(innerHtml(html, 'article')!)).toBe("Tiêu đề & tin\nSapo's\nĐoạn một");
    expect(innerHtml(html, 'p', 'class="lead')).toBe('Sapo&#39;s');
    expect(innerHtml(html, 'table')).toBeUndefined();
  });
});
