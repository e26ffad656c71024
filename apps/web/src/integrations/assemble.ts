import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { partialRequest, readPlan, recordedPages } from '../lib/partial';

/** Generated from the whole output after assembly, never taken from the live release. */
const REGENERATED = new Set(['pagefind', 'media']);

/** The page URL an output file belongs to (`bai-viet/x/index.html` → `/bai-viet/x/`), or null for other files. */
function pageUrl(relative: string): string | null {
  const parts = relative.split(path.sep);
  if (parts[parts.length - 1] !== 'index.html') return null;
  return `/${parts.slice(0, -1).map((p) => `${p}/`).join('')}`;
}

async function linkTree(from: string, to: string, relative: string, keepPage: (url: string) => boolean): Promise<number> {
  let linked = 0;
  for (const entry of await readdir(path.join(from, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (relative === '' && REGENERATED.has(entry.name)) continue;
    if (entry.isDirectory()) {
      linked += await linkTree(from, to, child, keepPage);
      continue;
    }
    const target = path.join(to, child);
    if (existsSync(target)) continue; // rendered by this build
    const url = pageUrl(child);
    if (url !== null && !keepPage(url)) continue; // a page that no longer exists (unpublished, fewer listing pages)
    if (entry.name === '.release-complete') continue;
    await mkdir(path.dirname(target), { recursive: true });
    await link(path.join(from, child), target).catch(() => copyFile(path.join(from, child), target));
    linked++;
  }
  return linked;
}

/**
 * In a partial build, completes the output with every file of the live release that this build did not
 * render and that still exists, as hard links (no copies). Runs before the media and search steps, which
 * then see the whole site.
 */
export function assembleIntegration(): AstroIntegration {
  return {
    name: 'portal-assemble',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const request = partialRequest();
        if (!request || !readPlan()) return;
        const pages = recordedPages();
        const linked = await linkTree(request.baseDir, fileURLToPath(dir), '', (url) => pages.has(url));
        logger.info(`partial: ${linked} unchanged files linked from the live release`);
      },
    },
  };
}
