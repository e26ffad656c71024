/**
 * `pnpm backup` and `pnpm restore` as child processes, as an operator runs them, with exactly the
 * environment given (no .env file of the repository, nothing of the test process's CMS settings).
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import type { Manifest } from '../../scripts/backup/manifest';
import { APP_DIR } from './database';

export type CommandResult = { code: number | null; stdout: string; stderr: string };

/** Runs `scripts/backup/<command>.ts` with `args`; `env` is all its environment besides PATH and HOME. */
export function runBackupCommand(command: 'backup' | 'restore', args: string[], env: Record<string, string>, dir: string): Promise<CommandResult> {
  return run(process.execPath, ['--import', 'tsx', path.join('scripts', 'backup', `${command}.ts`), ...args], APP_DIR, env, dir);
}

/** The same through the repository's root script, as the README says to type it: `pnpm restore …`. */
export function runRootScript(command: 'backup' | 'restore', args: string[], env: Record<string, string>, dir: string): Promise<CommandResult> {
  return run('pnpm', ['--silent', command, ...args], path.resolve(APP_DIR, '..', '..'), env, dir);
}

async function run(executable: string, args: string[], cwd: string, env: Record<string, string>, dir: string): Promise<CommandResult> {
  // An empty .env of its own, so a developer's .env never leaks into a test.
  const envFile = path.join(dir, 'empty.env');
  await writeFile(envFile, '');
  const child = spawn(executable, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: dir, PORTAL_ENV_FILE: envFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}

/** Every entry of a .tar.gz archive by name, with its bytes. */
export async function readTarGz(file: string): Promise<Map<string, Buffer>> {
  const extract = tar.extract();
  createReadStream(file).pipe(createGunzip()).pipe(extract);
  const entries = new Map<string, Buffer>();
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
    entries.set(entry.header.name, Buffer.concat(chunks));
  }
  return entries;
}

/** The manifest of an archive. */
export async function readManifest(file: string): Promise<Manifest> {
  return JSON.parse((await readTarGz(file)).get('manifest.json')!.toString('utf8')) as Manifest;
}

/** Writes entries (in order) as a .tar.gz, as someone repacking an archive would. */
export async function writeTarGz(file: string, entries: Map<string, Buffer>): Promise<void> {
  const pack = tar.pack();
  for (const [name, bytes] of entries) pack.entry({ name, size: bytes.length }, bytes);
  pack.finalize();
  await pipeline(pack, createGzip(), createWriteStream(file));
}
