import { asRecord, ownField, ownNumber, ownString, type UntrustedRecord } from '../untrusted';

/** One of the resized variants Strapi generates (thumbnail, small, medium, large). */
export interface ImageFormat {
  readonly url: string;
  readonly width: number | null;
  readonly height: number | null;
}

/** The checked subset of a Strapi media object that an image block carries. */
export interface BlockImage {
  readonly url: string;
  readonly alternativeText: string | null;
  readonly caption: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly formats: Readonly<Record<string, ImageFormat>>;
}

// Keys that would mean something other than a format name to code that later indexes `formats`.
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function readFormat(value: unknown): ImageFormat | null {
  const record = asRecord(value);
  const url = record === null ? null : ownString(record, 'url');
  if (record === null || url === null || url === '') return null;
  return { url, width: ownNumber(record, 'width'), height: ownNumber(record, 'height') };
}

function readFormats(value: unknown): Readonly<Record<string, ImageFormat>> {
  const record = asRecord(value);
  if (record === null) return {};
  const entries: Array<[string, ImageFormat]> = [];
  for (const [name, raw] of Object.entries(record)) {
    const format = RESERVED_KEYS.has(name) ? null : readFormat(raw);
    if (format !== null) entries.push([name, format]);
  }
  // fromEntries defines own properties, so even an odd key cannot reach a prototype.
  return Object.fromEntries(entries);
}

/** Reads the `image` field of an image block; null when there is no usable URL to resolve. */
export function readBlockImage(block: UntrustedRecord): BlockImage | null {
  const image = asRecord(ownField(block, 'image'));
  const url = image === null ? null : ownString(image, 'url');
  if (image === null || url === null || url.trim() === '') return null;
  return {
    url,
    alternativeText: ownString(image, 'alternativeText'),
    caption: ownString(image, 'caption'),
    width: ownNumber(image, 'width'),
    height: ownNumber(image, 'height'),
    formats: readFormats(ownField(image, 'formats')),
  };
}
