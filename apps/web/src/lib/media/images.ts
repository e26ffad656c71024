/** A media file as the CMS describes it (original plus Strapi's resized formats). */
export type CmsMedia = {
  url: string;
  alternativeText?: string | null;
  caption?: string | null;
  width?: number | null;
  height?: number | null;
  formats?: unknown;
};

type Variant = { url: string; width: number; height: number };

/**
 * What an <img> needs, pointing at files inside the site's own build: `src`, the candidates the browser
 * may choose from (`srcset` with `sizes`; absent when there is one file only) and the intrinsic size.
 * resolveImage() makes one from a CMS file, for pages and for images inside rich text alike.
 */
export interface ResolvedImage {
  readonly src: string;
  readonly srcset?: string;
  readonly sizes?: string;
  readonly width: number;
  readonly height: number;
}

/** Where CMS uploads live inside the built site (copied there at build time). */
export const MEDIA_PREFIX = '/media/';

/** Site path of a CMS upload: `/uploads/anh_1.jpg` → `/media/anh_1.jpg`. Absolute URLs keep their file name. */
export function mediaPath(url: string): string {
  const name = url.split('?')[0].split('/').pop() ?? '';
  return `${MEDIA_PREFIX}${encodeURIComponent(decodeURIComponent(name))}`;
}

function variants(file: CmsMedia): Variant[] {
  const list: Variant[] = [];
  if (file.formats && typeof file.formats === 'object') {
    for (const format of Object.values(file.formats as Record<string, unknown>)) {
      const f = format as Partial<Variant> | null;
      if (f && typeof f.url === 'string' && typeof f.width === 'number' && typeof f.height === 'number') {
        list.push({ url: f.url, width: f.width, height: f.height });
      }
    }
  }
  if (file.width && file.height) list.push({ url: file.url, width: file.width, height: file.height });
  return list.sort((a, b) => a.width - b.width);
}

/** Every CMS URL of a file (original and formats): what the build must download. */
export function mediaUrls(file: CmsMedia | null | undefined): string[] {
  if (!file?.url) return [];
  return [...new Set([file.url, ...variants(file).map((v) => v.url)])];
}

/**
 * A responsive image from a CMS file: `srcset` over every width the CMS made, `src` the one closest to
 * `preferredWidth`, intrinsic width/height so the page does not jump while images load.
 */
export function resolveImage(
  file: CmsMedia | null | undefined,
  sizes = '(min-width: 768px) 720px, 100vw',
  preferredWidth = 800,
): ResolvedImage | null {
  if (!file?.url) return null;
  const list = variants(file).filter((v) => !v.url.includes('thumbnail_') || v.width >= 200);
  if (list.length === 0) return null;
  const byWidth = new Map(list.map((v) => [v.width, v]));
  const unique = [...byWidth.values()];
  const main = unique.find((v) => v.width >= preferredWidth) ?? unique[unique.length - 1];
  return {
    src: mediaPath(main.url),
    srcset: unique.map((v) => `${mediaPath(v.url)} ${v.width}w`).join(', '),
    sizes,
    width: main.width,
    height: main.height,
  };
}
