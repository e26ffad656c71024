import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The run's temporary folder: the test processes (and the publishers, CMSes and browsers they start) get it
 * as TMPDIR, so their releases, media caches, uploads and profiles go under it, and it is deleted once the
 * project's files are done. Listed after the CMS template's setup, whose template stays where other runs
 * find it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const previous = process.env.TMPDIR;
  const dir = await mkdtemp(path.join(tmpdir(), 'publisher-tests-'));
  process.env.TMPDIR = dir;
  return async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await rm(dir, { recursive: true, force: true });
  };
}
