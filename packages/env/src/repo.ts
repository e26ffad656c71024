import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv, toRecord } from './dotenv';

/**
 * The repository's root folder, where `.env` lives and what every relative path in it is relative to.
 * Only for programs run by Node from the repository (scripts, the publisher): code that a bundler copies
 * elsewhere must be given absolute paths instead.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A path from the environment: absolute as it is, relative ones against the repository root. */
export function repoPath(value: string): string {
  return path.resolve(REPO_ROOT, value);
}

/** The portal's .env file: PORTAL_ENV_FILE when set (tests, other layouts), else `<root>/.env`. */
export function envFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PORTAL_ENV_FILE ? repoPath(env.PORTAL_ENV_FILE) : path.join(REPO_ROOT, '.env');
}

/** The variables of the .env file, or none when there is no file yet (it is made by `pnpm start`). */
export function readEnvFile(file: string = envFilePath()): Record<string, string> {
  try {
    return toRecord(parseEnv(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/**
 * Puts the .env file's variables into `env` (process.env by default) under what is already there: a
 * variable exported in the shell wins, as with `pnpm start`. Every command the README lists calls this
 * first (through `import '@portal/env/load'`), so each works with only `.env` configured.
 */
export function applyEnvFile(env: NodeJS.ProcessEnv = process.env, file: string = envFilePath(env)): void {
  for (const [key, value] of Object.entries(readEnvFile(file))) {
    if (env[key] === undefined) env[key] = value;
  }
}
