import tailwind from '@astrojs/tailwind';
import { defineConfig } from 'astro/config';
import { assembleIntegration } from './src/integrations/assemble';
import { mediaIntegration } from './src/integrations/media';
import { searchIntegration } from './src/integrations/search';
import { siteUrl } from './src/lib/site';

/** Static output only: the site keeps serving from files when the CMS is down. */
export default defineConfig({
  site: siteUrl(),
  output: 'static',
  trailingSlash: 'always',
  outDir: process.env.WEB_OUT_DIR ?? './dist',
  /** Astro's content store lives here between builds; the publisher keeps one of its own. */
  cacheDir: process.env.WEB_CACHE_DIR ?? './node_modules/.astro',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  prefetch: false,
  devToolbar: { enabled: false },
  // Order matters: a partial build is completed from the live release before media and search see it.
  integrations: [tailwind({ applyBaseStyles: false }), assembleIntegration(), mediaIntegration(), searchIntegration()],
  vite: {
    build: {
      // CSS named by its content hash only, so a partial build names it exactly as a full build does.
      rollupOptions: { output: { assetFileNames: '_astro/[hash][extname]' } },
    },
  },
});
