import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * The renderer build: the same site built for server output with this minimal adapter, whose entry
 * exports `render(url)`. The publisher renders pages through it instead of running `astro build` per change.
 */
export function rendererAdapter(): AstroIntegration {
  return {
    name: 'portal-renderer',
    hooks: {
      'astro:config:done': ({ setAdapter }) => {
        setAdapter({
          name: 'portal-renderer',
          serverEntrypoint: fileURLToPath(new URL('./entrypoint.ts', import.meta.url)),
          exports: ['render'],
          adapterFeatures: { buildOutput: 'server', edgeMiddleware: false },
          supportedAstroFeatures: { serverOutput: 'stable', staticOutput: 'stable', hybridOutput: 'stable', sharpImageService: 'stable' },
        });
      },
    },
  };
}
