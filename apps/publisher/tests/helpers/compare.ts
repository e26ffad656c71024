import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { RELEASE_LAYERS } from 'web/site';
import { releaseFile, releaseFiles as servedFiles } from '../../src/release-layout';

/** Every file of a plain folder (a static build), relative path → bytes. */
async function folderFiles(dir: string, relative = ''): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) for (const [k, v] of await folderFiles(dir, child)) files.set(k, v);
    else files.set(child, await readFile(path.join(dir, child)));
  }
  return files;
}

/**
 * Every file a release serves (relative path → bytes), as its layers resolve them (release-layout.ts), or
 * every file of a plain folder such as a static build.
 */
export async function releaseFiles(dir: string): Promise<Map<string, Buffer>> {
  if (!existsSync(path.join(dir, RELEASE_LAYERS.base))) return folderFiles(dir);
  const files = new Map<string, Buffer>();
  for (const [file, onDisk] of await servedFiles(dir)) files.set(file, await readFile(onDisk));
  return files;
}

/** The file a release serves at `file` (relative path), read. */
export async function servedFile(dir: string, file: string): Promise<Buffer> {
  const served = existsSync(path.join(dir, RELEASE_LAYERS.base)) ? releaseFile(dir, file) : path.join(dir, file);
  if (!served) throw new Error(`${dir} serves no ${file}`);
  return readFile(served);
}

/** The paths whose presence or bytes differ between two releases (or a release and a static build). */
export async function differences(a: string, b: string): Promise<string[]> {
  const [left, right] = [await releaseFiles(a), await releaseFiles(b)];
  const names = new Set([...left.keys(), ...right.keys()]);
  return [...names].filter((name) => !left.get(name)?.equals(right.get(name) ?? Buffer.alloc(0)) || !right.has(name)).sort();
}
