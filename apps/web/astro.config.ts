import sitemap from '@astrojs/sitemap';
import tailwind from '@astrojs/tailwind';
import { defineConfig } from 'astro/config';
import { mediaIntegration } from './src/integrations/media';
import { searchIntegration } from './src/integrations/search';
import { siteUrl } from './src/lib/site';

/** Static output only: the site keeps serving from files when the CMS is down. */
export default defineConfig({
  site: siteUrl(),
  output: 'static',
  trailingSlash: 'always',
  outDir: process.env.WEB_OUT_DIR ?? './dist',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  prefetch: false,
  devToolbar: { enabled: false },
  integrations: [
    tailwind({ applyBaseStyles: false }),
    sitemap({ filter: (page) => !page.includes('/tim-kiem/') }),
    mediaIntegration(),
    searchIntegration(),
  ],
});
