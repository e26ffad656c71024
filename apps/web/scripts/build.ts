/**
 * `pnpm --filter web build`: builds the site from the CMS into WEB_DIST (apps/web/dist), atomically. The
 * build goes to a folder of its own first; the output is replaced only when the build succeeded, so a failed
 * build (CMS down, bad content) leaves the previous site untouched. Reads the repository's .env; relative
 * WEB_DIST and WEB_MEDIA_CACHE are relative to the repository root.
 */
import '@portal/env/load';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CmsUnreachableError, createCmsClient, fetchSiteSettings } from '@portal/cms-client';
import { repoPath } from '@portal/env';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = repoPath(process.env.WEB_DIST || 'apps/web/dist');
/** Absolute for the build, whose bundled code cannot know where the repository is. */
const mediaCache = repoPath(process.env.WEB_MEDIA_CACHE || 'apps/web/node_modules/.cache/portal-media');
const nextDir = `${outDir}.next`;
/**
 * Where Astro builds: inside the site's folder, and this build's own. An output folder outside the project
 * (WEB_DIST=/srv/site, a test's temporary folder) makes Astro 5 stage its server chunks in the project's
 * shared `.astro/` and copy that whole folder into the output, so two builds at once mixed their files.
 */
const buildDir = path.join(webDir, 'node_modules', '.portal-static', `${process.pid}-${Date.now()}`);

/** `from` renamed to `to`, or copied when they are on different file systems. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

function astroBuild(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.join(webDir, 'node_modules', '.bin', 'astro'), ['build'], {
      cwd: webDir,
      stdio: 'inherit',
      env: { ...process.env, WEB_OUT_DIR: buildDir, WEB_MEDIA_CACHE: mediaCache },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  try {
    // Fail fast with one clear message instead of an Astro stack trace when the CMS is not there.
    await fetchSiteSettings(createCmsClient({ token: process.env.CMS_TOKEN }));
  } catch (error) {
    if (error instanceof CmsUnreachableError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  await rm(nextDir, { recursive: true, force: true });
  const code = await astroBuild();
  if (code !== 0) {
    await rm(buildDir, { recursive: true, force: true });
    console.error(`The site build failed (exit code ${code}); ${path.relative(process.cwd(), outDir)} is unchanged.`);
    return code;
  }
  // Next to the output first, so that the switch below is two renames on one file system.
  await move(buildDir, nextDir);
  const oldDir = `${outDir}.old`;
  await rm(oldDir, { recursive: true, force: true });
  if (existsSync(outDir)) await rename(outDir, oldDir);
  await rename(nextDir, outDir);
  await rm(oldDir, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
