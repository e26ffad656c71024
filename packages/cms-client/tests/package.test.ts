import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/**
 * Agencies copy this package out of the repository (README, "For agencies"): what src/ imports must be the
 * package's own files, Node's built-ins, or the dependencies its package.json declares, nothing of the
 * workspace.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

/** A command's standard output, without blocking the test process; it fails with the command's own message. */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  return (await promisify(execFile)(command, args, { cwd })).stdout;
}

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

it('packs into a file agencies can npm install: src, the schema and the README, with runtime dependencies only', async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'cms-client-pack-'));
  try {
    await run('pnpm', ['pack', '--pack-destination', folder], root);
    const [tarball] = (await readdir(folder)).filter((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^portal-cms-client-.+\.tgz$/);
    const listing = await run('tar', ['-tzf', path.join(folder, tarball)], folder);
    const files = listing.trim().split('\n');
    expect(files).toEqual(
      expect.arrayContaining(['package/src/index.ts', 'package/src/generated/graphql.ts', 'package/schema.graphql', 'package/README.md']),
    );
    expect(files.filter((file) => file.startsWith('package/tests/') || file.startsWith('package/scripts/'))).toEqual([]);
    await run('tar', ['-xzf', path.join(folder, tarball), '-C', folder], folder);
    const packed = await readFile(path.join(folder, 'package', 'package.json'), 'utf8');
    // npm refuses a package whose manifest still says `workspace:` anywhere.
    expect(packed).not.toContain('workspace:');
    expect(Object.keys((JSON.parse(packed) as { dependencies: Record<string, string> }).dependencies).sort()).toEqual(
      ['@graphql-typed-document-node/core', 'graphql', 'graphql-request'].sort(),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
