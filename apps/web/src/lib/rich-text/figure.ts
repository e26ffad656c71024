import type { ResolvedImage } from '../media/images';
import type { BlockImage } from './block-image';
import { escapeHtml } from '../html-escape';
import { IMAGE_SCHEMES, safeUrl } from './safe-url';

/** Maps a CMS image to a file of the site's own build; null leaves the image out. */
export type ImageResolver = (image: BlockImage) => ResolvedImage | null;

/** How urgently the browser should fetch the image. */
export type ImageLoading = 'eager' | 'lazy';

/** The srcset when every candidate URL is a safe image URL; one bad candidate drops the whole attribute. */
function safeSrcset(srcset: string | undefined): string | null {
  if (srcset === undefined) return null;
  // Splitting on every comma over-splits URLs that contain commas, which can only make the check stricter.
  const candidates = srcset
    .split(',')
    .map((candidate) => candidate.trim())
    .filter((c) => c !== '');
  if (candidates.length === 0) return null;
  const allSafe = candidates.every((candidate) => safeUrl(candidate.split(/\s+/)[0], IMAGE_SCHEMES) !== null);
  return allSafe ? srcset.trim() : null;
}

function dimension(name: 'width' | 'height', value: number): string {
  // Width and height reserve the layout box (no shift while loading); a bad number is better omitted.
  return Number.isFinite(value) && value > 0 ? ` ${name}="${Math.round(value)}"` : '';
}

/** Renders an image block as a figure, or null when the resolved source is not a safe image URL. */
export function renderFigure(image: BlockImage, resolved: ResolvedImage, loading: ImageLoading): string | null {
  const src = safeUrl(resolved.src, IMAGE_SCHEMES);
  if (src === null) return null;
  const srcset = safeSrcset(resolved.srcset);
  const candidates = srcset === null ? '' : ` srcset="${escapeHtml(srcset)}"` + (resolved.sizes ? ` sizes="${escapeHtml(resolved.sizes)}"` : '');
  const alt = escapeHtml(image.alternativeText?.trim() ?? '');
  const priority = loading === 'eager' ? ' fetchpriority="high"' : '';
  const img =
    `<img src="${escapeHtml(src)}"${candidates}${dimension('width', resolved.width)}${dimension('height', resolved.height)}` +
    ` alt="${alt}" loading="${loading}"${priority} decoding="async">`;
  const caption = image.caption?.trim() ?? '';
  const figcaption = caption === '' ? '' : `<figcaption>${escapeHtml(caption)}</figcaption>`;
  return `<figure class="article-figure">${img}${figcaption}</figure>`;
}
