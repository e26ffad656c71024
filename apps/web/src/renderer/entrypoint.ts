import type { SSRManifest } from 'astro';
import { App } from 'astro/app';
import type { RenderContext } from '../lib/content/render-context';

/** A rendered page or file, as the publisher writes it into a release. */
export type Rendered = { status: number; body: Buffer };

/**
 * The server entry of the renderer build: a long-lived process (the publisher) imports it once and
 * renders pages to files on demand, each from the context it passes (see lib/content.ts), which the
 * pages read as `Astro.locals.portal`.
 */
export function createExports(manifest: SSRManifest) {
  const app = new App(manifest);
  return {
    async render(url: string, context: RenderContext): Promise<Rendered> {
      const response = await app.render(new Request(url), { locals: { portal: context } });
      return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    },
  };
}
