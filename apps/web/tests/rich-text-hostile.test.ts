import { describe, expect, it } from 'vitest';
import { renderBlocks, type BlockImage, type ResolvedImage } from '../src/lib/rich-text';
import { hostileBlocks } from './fixtures/hostile-blocks';
import { auditHtml } from './support/html-audit';

// The worst resolver a page could write: it hands CMS values straight through, so the renderer's own
// checks are the only thing between the CMS and the page.
function passThrough(image: BlockImage): ResolvedImage {
  const srcset = Object.values(image.formats)
    .map((format) => `${format.url} ${format.width ?? 0}w`)
    .join(', ');
  return { src: image.url, ...(srcset ? { srcset } : {}), sizes: '100vw', width: image.width ?? 0, height: image.height ?? 0 };
}

function decodeText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('renderBlocks with hostile input', () => {
  it('has a corpus of at least 25 cases', () => {
    expect(hostileBlocks.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(hostileBlocks.map((c) => [c.name, c] as const))('%s', (_, hostile) => {
    const render = (): string => renderBlocks(hostile.blocks, { resolveImage: passThrough, eagerFirstImage: true });

    it('renders without throwing', () => {
      expect(render).not.toThrow();
    });

    it('emits no script, event handler or dangerous URL', () => {
      const html = render();
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<iframe/i);
      // Text and quoted values may mention "onerror=" harmlessly once escaped; what matters is an
      // attribute name, so quoted values are blanked before looking inside tags.
      expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son\w+\s*=/i);
      expect(html).not.toMatch(/(href|src|srcset)\s*=\s*"[^"]*(javascript|data|vbscript|file):/i);
    });

    it('uses only allowlisted, balanced, properly nested tags', () => {
      expect(auditHtml(render())).toEqual([]);
    });

    it('keeps the words a reader should still see', () => {
      const html = render();
      for (const words of hostile.keeps ?? []) expect(decodeText(html)).toContain(words);
    });
  });

  it('renders refused links as their plain words', () => {
    const html = renderBlocks([
      { type: 'paragraph', children: [{ type: 'link', url: ' JaVa\tScRiPt:alert(1)', children: [{ type: 'text', text: 'Xem' }] }] },
    ]);
    expect(html).toBe('<p>Xem</p>');
  });

  it('drops content beyond the nesting cap instead of failing', () => {
    const html = renderBlocks(hostileBlocks.find((c) => c.name === 'lists nested ten thousand deep')?.blocks);
    expect(html).toContain('mức 9999');
    expect(html).not.toContain('đáy');
    expect(html.length).toBeLessThan(5_000);
  });

  it('ignores a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.url = 'javascript:alert(1)';
    proto.children = [{ type: 'text', text: '<script>' }];
    try {
      const html = renderBlocks([
        { type: 'paragraph' },
        { type: 'paragraph', children: [{ type: 'link', children: [{ type: 'text', text: 'a' }] }] },
      ]);
      expect(html).toBe('<p>a</p>');
    } finally {
      delete proto.url;
      delete proto.children;
    }
  });
});
