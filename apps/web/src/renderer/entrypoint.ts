import type { SSRManifest } from 'astro';
import { App } from 'astro/app';

/** A rendered page or file, as the publisher writes it into a release. */
export type Rendered = { status: number; body: Buffer };

/**
 * The server entry of the renderer build: a long-lived process (the publisher) imports it once and
 * renders pages to files on demand, with the content it keeps in memory (see lib/content.ts).
 */
export function createExports(manifest: SSRManifest) {
  const app = new App(manifest);
  return {
    async render(url: string): Promise<Rendered> {
      const response = await app.render(new Request(url));
      return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    },
  };
}
