import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';

/** A small deterministic pseudo-random sequence, so the same seed always draws the same picture. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PALETTES = [
  ['#8ec5fc', '#e0c3fc', '#3b7d4f', '#6aa84f', '#b45f06'],
  ['#ffd89b', '#19547b', '#2e6b3a', '#88b04b', '#7f4f24'],
  ['#a1c4fd', '#c2e9fb', '#1f5e7a', '#3f8f6b', '#a0522d'],
  ['#fbc2eb', '#a6c1ee', '#4b6f44', '#9bbf6a', '#6b4226'],
];

/** An SVG "photo": sky, sun, hills, a row of buildings; abstract but photo-shaped, drawn locally. */
function photoSvg(seed: number, width: number, height: number): string {
  const next = random(seed);
  const [skyTop, skyBottom, hillFar, hillNear, roof] = PALETTES[seed % PALETTES.length];
  const horizon = height * (0.5 + next() * 0.15);
  const hill = (base: number, amplitude: number, colour: string) => {
    const points: string[] = [`0,${height}`];
    for (let x = 0; x <= width; x += width / 8) points.push(`${x},${base - next() * amplitude}`);
    points.push(`${width},${height}`);
    return `<polygon points="${points.join(' ')}" fill="${colour}"/>`;
  };
  const buildings: string[] = [];
  for (let x = width * 0.05; x < width * 0.95; x += width * (0.06 + next() * 0.05)) {
    const w = width * (0.04 + next() * 0.04);
    const h = height * (0.08 + next() * 0.18);
    buildings.push(`<rect x="${x}" y="${horizon + height * 0.12 - h}" width="${w}" height="${h}" fill="#f4f1ea"/>`);
    buildings.push(`<rect x="${x - 2}" y="${horizon + height * 0.12 - h - 8}" width="${w + 4}" height="10" fill="${roof}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyBottom}"/></linearGradient></defs>
  <rect width="${width}" height="${height}" fill="url(#sky)"/>
  <circle cx="${width * (0.15 + next() * 0.7)}" cy="${height * (0.12 + next() * 0.15)}" r="${height * 0.07}" fill="#fff3b0"/>
  ${hill(horizon, height * 0.12, hillFar)}
  ${buildings.join('')}
  ${hill(horizon + height * 0.2, height * 0.08, hillNear)}
</svg>`;
}

/** The portal banner: the national colours in bands, with room for the portal name set as HTML text. */
function bannerSvg(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0">
    <stop offset="0" stop-color="#a50e0e"/><stop offset="0.6" stop-color="#d4281c"/><stop offset="1" stop-color="#f2b705"/></linearGradient></defs>
  <rect width="${width}" height="${height}" fill="url(#g)"/>
  <polygon points="${height * 0.5},${height * 0.18} ${height * 0.6},${height * 0.45} ${height * 0.88},${height * 0.45} ${height * 0.65},${height * 0.62} ${height * 0.74},${height * 0.9} ${height * 0.5},${height * 0.73} ${height * 0.26},${height * 0.9} ${height * 0.35},${height * 0.62} ${height * 0.12},${height * 0.45} ${height * 0.4},${height * 0.45}" fill="#ffde00"/>
  <path d="M0 ${height * 0.85} Q ${width / 2} ${height * 0.7} ${width} ${height * 0.85} L ${width} ${height} L 0 ${height} Z" fill="rgba(255,255,255,0.15)"/>
</svg>`;
}

export type ImageKind = { kind: 'photo'; seed: number } | { kind: 'banner' };

/** Draws an image as JPEG (photos) or PNG (banner). */
export async function drawImage(image: ImageKind): Promise<{ buffer: Buffer; ext: string; mime: string }> {
  if (image.kind === 'banner') {
    const buffer = await sharp(Buffer.from(bannerSvg(1200, 160)))
      .png({ compressionLevel: 9 })
      .toBuffer();
    return { buffer, ext: 'png', mime: 'image/png' };
  }
  const buffer = await sharp(Buffer.from(photoSvg(image.seed, 1200, 800)))
    .jpeg({ quality: 78 })
    .toBuffer();
  return { buffer, ext: 'jpg', mime: 'image/jpeg' };
}

export type UploadedFile = {
  id: number;
  documentId: string;
  url: string;
  name: string;
  alternativeText: string | null;
  caption: string | null;
  width: number | null;
  height: number | null;
  hash: string;
  ext: string;
  mime: string;
  size: number;
  formats: unknown;
  provider: string;
  previewUrl: string | null;
  createdAt: string;
  updatedAt: string;
};

/** The part of the upload plugin's `upload` service used here. */
type UploadService = {
  upload(input: { data: { fileInfo: Record<string, unknown> }; files: Record<string, unknown> }): Promise<UploadedFile[]>;
};

/** Draws an image and stores it in the media library with its alt text and caption. */
export async function uploadDrawnImage(
  strapi: Core.Strapi,
  image: ImageKind,
  info: { name: string; alternativeText: string; caption?: string },
): Promise<UploadedFile> {
  const { buffer, ext, mime } = await drawImage(image);
  const dir = await mkdtemp(path.join(tmpdir(), 'cms-seed-'));
  const filepath = path.join(dir, `${info.name}.${ext}`);
  try {
    await writeFile(filepath, buffer);
    const [file] = await strapi
      .plugin('upload')
      .service<UploadService>('upload')
      .upload({
        data: { fileInfo: { name: `${info.name}.${ext}`, alternativeText: info.alternativeText, caption: info.caption ?? null } },
        files: { filepath, originalFilename: `${info.name}.${ext}`, mimetype: mime, size: buffer.length },
      });
    return file;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
