import tailwind from '@astrojs/tailwind';
import { rm } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { defineConfig } from 'astro/config';
import { mediaIntegration } from './src/integrations/media';
import { searchIntegration } from './src/integrations/search';
import { staticMediaCacheDir } from './src/lib/media/cache';
import { siteUrl } from './src/lib/site/paths';
import { rendererAdapter } from './src/renderer/adapter';

/**
 * Two builds of one site. By default a static build (`pnpm --filter web build`): the site keeps serving
 * from files when the CMS is down. With WEB_RENDERER_OUT set, the renderer: the same pages built for
 * server output, which the publisher loads once and renders to files whenever content changes.
 */
const renderer = process.env.WEB_RENDERER_OUT;

/** Astro 5 leaves two empty content-collection modules in a static build's output; the site has no use for them. */
const tidyOutput: AstroIntegration = {
  name: 'portal-tidy-output',
  hooks: {
    'astro:build:done': async ({ dir }) => {
      for (const name of ['content-assets.mjs', 'content-modules.mjs']) await rm(new URL(name, dir), { force: true });
    },
  },
};

export default defineConfig({
  site: siteUrl(),
  output: renderer ? 'server' : 'static',
  adapter: renderer ? rendererAdapter() : undefined,
  trailingSlash: 'always',
  outDir: renderer ?? process.env.WEB_OUT_DIR ?? './dist',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  prefetch: false,
  devToolbar: { enabled: false },
  // The publisher does the media and search steps itself for the renderer's output.
  integrations: [
    tailwind({ applyBaseStyles: false }),
    ...(renderer ? [] : [tidyOutput, mediaIntegration(staticMediaCacheDir()), searchIntegration()]),
  ],
  vite: {
    build: {
      // Never inline an asset as a data: URL: the site's CSP only allows files from the site itself.
      assetsInlineLimit: 0,
      // Assets named by their content hash only, so both builds name them alike.
      rollupOptions: { output: { assetFileNames: '_astro/[hash][extname]' } },
    },
  },
});
