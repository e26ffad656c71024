/**
 * Where a build may download media from: the CMS it reads (relative `/uploads/…` URLs and absolute ones on
 * its origin) and the media origins, where the CMS stores uploads elsewhere (UPLOAD_PROVIDER=s3: the
 * bucket's public URL). Every other URL found in content is refused before any request is made, redirects
 * included: content must never make the build or the publisher fetch an address of its choosing (a request
 * forged from the server, e.g. to a cloud metadata service or an internal admin page).
 */
export type MediaSources = {
  /** The CMS's base URL (the client's `url`): relative media URLs are on it. */
  cmsUrl: string;
  /** Other origins (`https://host[:port]`) media may be downloaded from. */
  origins: readonly string[];
};

/** A media URL outside the CMS and the media origins: never requested, the build stops with it. */
export class MediaOriginError extends Error {
  override name = 'MediaOriginError';
}

function origin(name: string, value: string, pathAllowed: boolean): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol)) throw new Error(`${name} must hold http(s) URLs (got "${value}")`);
  if (!pathAllowed && (url.pathname !== '/' || url.search || url.hash || url.username)) {
    throw new Error(`${name}: "${value}" is not an origin (https://host[:port], without a path)`);
  }
  return url.origin;
}

/**
 * The media origins from the environment: MEDIA_ORIGINS (comma-separated origins) when set, else the
 * origin of S3_PUBLIC_URL (the CMS's uploads on object storage), else none. A wrong value stops with its name.
 */
export function mediaOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const explicit = env.MEDIA_ORIGINS?.trim();
  if (explicit) {
    const entries = explicit.split(',').map((entry) => entry.trim());
    return [...new Set(entries.filter((entry) => entry !== '').map((entry) => origin('MEDIA_ORIGINS', entry, false)))];
  }
  const bucket = env.S3_PUBLIC_URL?.trim();
  return bucket ? [origin('S3_PUBLIC_URL', bucket, true)] : [];
}

/** `url` (relative to the CMS, or absolute) as an absolute URL, when it is on the CMS or a media origin; else MediaOriginError. */
export function allowedMediaUrl(url: string, sources: MediaSources): string {
  const cms = sources.cmsUrl.replace(/\/+$/, '');
  // A path is on the CMS, below its base URL as Strapi's own `/uploads/…` are; `//host/…` is not a path.
  const candidate = url.startsWith('/') && !url.startsWith('//') ? `${cms}${url}` : url;
  const absolute = URL.canParse(candidate) ? new URL(candidate) : undefined;
  const allowed = [new URL(cms).origin, ...sources.origins];
  if (!absolute || !/^https?:$/.test(absolute.protocol) || absolute.username || absolute.password || !allowed.includes(absolute.origin)) {
    throw new MediaOriginError(`Media "${url}" is not downloaded: only the CMS and the media origins are (${allowed.join(', ')}; MEDIA_ORIGINS)`);
  }
  return absolute.toString();
}
