import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file of a release (relative path → bytes), the release marker left out. */
export async function releaseFiles(dir: string, relative = ''): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) for (const [k, v] of await releaseFiles(dir, child)) files.set(k, v);
    else if (entry.name !== '.release-complete') files.set(child, await readFile(path.join(dir, child)));
  }
  return files;
}

/** The paths whose presence or bytes differ between two releases. */
export async function differences(a: string, b: string): Promise<string[]> {
  const [left, right] = [await releaseFiles(a), await releaseFiles(b)];
  const names = new Set([...left.keys(), ...right.keys()]);
  return [...names].filter((name) => !left.get(name)?.equals(right.get(name) ?? Buffer.alloc(0)) || !right.has(name)).sort();
}
