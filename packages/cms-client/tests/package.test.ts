import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/**
 * Agencies copy this package out of the repository (README, "For agencies"): what src/ imports must be the
 * package's own files, Node's built-ins, or the dependencies its package.json declares, nothing of the
 * workspace.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? sources(path.join(dir, entry.name)) : Promise.resolve([path.join(dir, entry.name)]))),
  );
  return nested.flat().filter((file) => file.endsWith('.ts'));
}

it('src/ imports nothing but its own files, Node and its declared dependencies', async () => {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const declared = new Set(Object.keys(manifest.dependencies));
  const files = await sources(path.join(root, 'src'));
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        expect(target.startsWith(path.join(root, 'src')), `${file} imports ${specifier}`).toBe(true);
      } else if (!specifier.startsWith('node:')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        expect(declared.has(name), `${path.relative(root, file)} imports ${specifier}, which package.json does not declare`).toBe(true);
      }
    }
  }
  expect(manifest.dependencies).not.toHaveProperty('cms');
});
