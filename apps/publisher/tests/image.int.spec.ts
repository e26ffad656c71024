import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@portal/env';
import { startCmsProcess, type CmsProcess } from 'cms/testing/setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { releaseFile } from '../src/release-layout';
import type { Status } from '../src/status';
import { freePort, SECRET } from './helpers/publisher';

/**
 * The publisher image without a Docker engine: apps/publisher/Dockerfile's steps replayed in a temporary
 * folder standing for its /repo — its COPY lines (the files git tracks, which is what .dockerignore leaves),
 * its RUN lines (pnpm install offline, from the store the repository's install filled) — then its CMD run
 * as the image would, against a real CMS, and its HEALTHCHECK. What this catches: a file the image lacks, an
 * install filter that leaves out a dependency, a command that does not start.
 */
type Instruction = { op: string; args: string };

const run = promisify(execFile);
const dockerfile = readFileSync(path.join(REPO_ROOT, 'apps', 'publisher', 'Dockerfile'), 'utf8');

/** The instructions of each stage, continuation lines joined, comments dropped. */
function stages(text: string): Instruction[][] {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n');
  const result: Instruction[][] = [];
  for (const line of lines) {
    const match = /^([A-Z]+)\s+(.*)$/.exec(line.trim());
    if (!match || line.trim().startsWith('#')) continue;
    if (match[1] === 'FROM') result.push([]);
    result.at(-1)?.push({ op: match[1], args: match[2] });
  }
  return result;
}

/** Files git tracks under `source` (a file or a folder of the repository). */
function tracked(source: string): string[] {
  return execFileSync('git', ['ls-files', '-z', '--', source], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

/** COPY <sources…> <destination> from the build context (the repository) into `repo`. */
async function copy(args: string, repo: string, workdir: string): Promise<void> {
  const parts = args.split(/\s+/);
  const destination = path.resolve(repo, path.relative('/repo', path.resolve(workdir, parts.at(-1)!)));
  for (const source of parts.slice(0, -1)) {
    for (const file of tracked(source)) {
      const relative = path.relative(source, file) || path.basename(file);
      const target = parts.at(-1)!.endsWith('/') || parts.length > 2 ? path.join(destination, path.basename(file)) : path.join(destination, relative);
      await mkdir(path.dirname(target), { recursive: true });
      await cp(path.join(REPO_ROOT, file), target);
    }
  }
}

const [build, final] = stages(dockerfile);
let repo: string;
let cms: CmsProcess;
let child: ChildProcess | undefined;
let output = '';
let controlPort: number;
let sitePort: number;

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'publisher-image-'));
  let workdir = '/';
  for (const { op, args } of build) {
    if (op === 'WORKDIR') workdir = path.resolve(workdir, args);
    else if (op === 'COPY') await copy(args, repo, workdir);
    else if (op === 'RUN' && !args.startsWith('npm install -g')) {
      // Offline: every package comes from the store the repository's own install filled.
      await run('sh', ['-c', args.replace('pnpm install', 'pnpm install --offline')], { cwd: repo, env: { ...process.env, CI: 'true' } });
    }
  }
  controlPort = await freePort();
  sitePort = await freePort();
  cms = await startCmsProcess(inject('cmsTemplate'), 'sqlite', { PUBLISHER_URL: `http://127.0.0.1:${controlPort}`, PUBLISH_WEBHOOK_SECRET: SECRET });
}, 600_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await cms?.stop();
  if (repo) await rm(repo, { recursive: true, force: true });
});

/** The image's ENV lines, with its /srv folders moved into the temporary folder. */
function imageEnv(srv: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of final.filter((instruction) => instruction.op === 'ENV'))
    for (const pair of args.split(/\s+/)) {
      const [key, value] = pair.split('=');
      env[key] = value.replace(/^\/srv/, srv);
    }
  return env;
}

describe('the publisher image', () => {
  it('installs the publisher without Strapi', async () => {
    expect(existsSync(path.join(repo, 'apps', 'publisher', 'node_modules', 'tsx'))).toBe(true);
    expect(existsSync(path.join(repo, 'apps', 'web', 'node_modules', 'astro'))).toBe(true);
    expect(existsSync(path.join(repo, 'apps', 'publisher', 'node_modules', 'cms', 'src', 'contract', 'preview-link.ts'))).toBe(true);
    const store = await readdir(path.join(repo, 'node_modules', '.pnpm'));
    expect(store.filter((name) => name.startsWith('@strapi+'))).toEqual([]);
    expect(existsSync(path.join(repo, 'apps', 'publisher', 'tests'))).toBe(false);
  });

  it('starts with its CMD, builds the site from the CMS, serves it and passes its HEALTHCHECK', async () => {
    const srv = path.join(repo, 'srv');
    const cmd = JSON.parse(final.find((instruction) => instruction.op === 'CMD')!.args) as string[];
    const workdir = final.filter((instruction) => instruction.op === 'WORKDIR').at(-1)!.args;
    expect(cmd[0]).toBe('node');
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      ...imageEnv(srv),
      // What docker-compose.yml gives it, on this machine's free ports.
      PUBLISH_WEBHOOK_SECRET: SECRET,
      CMS_URL: cms.url,
      SITE_URL: 'https://binhan.example',
      PUBLISHER_HOST: '127.0.0.1',
      PUBLISHER_PORT: String(controlPort),
      SITE_HOST: '127.0.0.1',
      SITE_PORT: String(sitePort),
    };
    expect(env.RELEASES_DIR).toBe(path.join(srv, 'releases'));
    child = spawn(process.execPath, cmd.slice(1), { cwd: path.join(repo, path.relative('/repo', workdir)), env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const deadline = Date.now() + 240_000;
    let status: Status | undefined;
    while (Date.now() < deadline && status?.lastBuild?.result !== 'success') {
      if (child.exitCode !== null) throw new Error(`The image's command exited:\n${output.slice(-3000)}`);
      status = await fetch(`http://127.0.0.1:${controlPort}/status`)
        .then((response) => response.json() as Promise<Status>)
        .catch(() => undefined);
      if (status?.lastBuild?.result === 'failed') throw new Error(`The first build failed: ${status.lastBuild.error}\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status?.lastBuild).toMatchObject({ kind: 'full', result: 'success' });
    expect(releaseFile(path.join(srv, 'releases', 'current'), 'index.html') !== null).toBe(true);
    const home = await fetch(`http://127.0.0.1:${sitePort}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('https://binhan.example/');

    // The HEALTHCHECK's command, against this publisher's port.
    const healthcheck = final.find((instruction) => instruction.op === 'HEALTHCHECK')!.args;
    const script = /CMD node -e "(.*)"$/.exec(healthcheck)![1].replace(':4322/', `:${controlPort}/`);
    await expect(run(process.execPath, ['-e', script])).resolves.toBeDefined();
    await expect(run(process.execPath, ['-e', script.replace(`:${controlPort}/`, `:${await freePort()}/`)])).rejects.toThrow();
  }, 300_000);
});
