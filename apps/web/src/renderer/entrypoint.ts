import type { SSRManifest } from 'astro';
import { App } from 'astro/app';
import type { RenderContext } from '../lib/content/render-context';

/** A rendered page or file, as the publisher writes it into a release. */
export type Rendered = { status: number; body: Buffer };

/**
 * The request for `url` as Astro's router matches it. Astro 5 matches a dynamic endpoint whose name has a
 * file extension (`sitemap-[part].xml.ts`) only with the configured trailing slash, `/sitemap-2025.xml/`,
 * while the static build writes it as the file `sitemap-2025.xml` (withastro/astro#17001; Astro 6 drops
 * the slash): the renderer is asked for the file's URL, so it adds the slash the router wants.
 */
function routed(app: App, url: string): Request {
  const request = new Request(url);
  const address = new URL(url);
  if (app.match(request) || !/\.[a-z0-9]+$/i.test(address.pathname)) return request;
  address.pathname += '/';
  const slashed = new Request(address);
  return app.match(slashed) ? slashed : request;
}

/** `load` called once: later calls share its promise. */
function once<T>(load: () => T | Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= Promise.resolve(load()));
}

/**
 * The manifest with each page's module (and the actions and middleware) imported once. Astro calls a page's
 * `import()` on every request; under a module loader with hooks (the publisher runs with tsx's), each of those
 * crosses to the loader's thread and back, a quarter of a millisecond per page.
 */
function loadedOnce(manifest: SSRManifest): SSRManifest {
  return {
    ...manifest,
    pageMap: manifest.pageMap && new Map([...manifest.pageMap].map(([component, load]) => [component, once(load)])),
    actions: manifest.actions && once(manifest.actions),
    middleware: manifest.middleware && once(manifest.middleware),
  };
}

/**
 * The server entry of the renderer build: a long-lived process (the publisher) imports it once and
 * renders pages to files on demand, each from the context it passes (see lib/content.ts), which the
 * pages read as `Astro.locals.portal`.
 */
export function createExports(manifest: SSRManifest) {
  // Not streamed: each page is rendered to one string and encoded once, as the static build renders it. A
  // streamed page comes as many small chunks, each encoded apart and carried through a web stream, only for
  // the publisher to join them again.
  const app = new App(loadedOnce(manifest), false);
  return {
    async render(url: string, context: RenderContext): Promise<Rendered> {
      const response = await app.render(routed(app, url), { locals: { portal: context } });
      return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    },
  };
}
