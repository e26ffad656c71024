/** The command lines of `pnpm backup` and `pnpm restore`; anything else is bad input (exit code 2). */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './errors';

export const BACKUP_USAGE = 'usage: pnpm backup [--out <file.tar.gz>]';
export const RESTORE_USAGE = 'usage: pnpm restore <archive.tar.gz> [--force]';

/** Where the user typed the command (pnpm runs a script in the package's folder and says where it started). */
const resolveFrom = (value: string, env: NodeJS.ProcessEnv) => path.resolve(env.INIT_CWD || process.cwd(), value);

function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>, usage: string) {
  try {
    // pnpm passes a literal `--` through when one types `pnpm backup -- --out x`.
    return parseArgs({ args: argv.filter((arg) => arg !== '--'), options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(`${(error as Error).message}\n${usage}`);
  }
}

/** `--out <file>`; undefined for the default name. */
export function parseBackupArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): { out: string | undefined } {
  const { values, positionals } = parse(argv, { out: { type: 'string' } }, BACKUP_USAGE);
  if (positionals.length > 0) throw usageError(`unexpected argument ${JSON.stringify(positionals[0])}\n${BACKUP_USAGE}`);
  const out = values.out as string | undefined;
  if (out !== undefined && out.trim() === '') throw usageError(`--out needs a file name\n${BACKUP_USAGE}`);
  return { out: out === undefined ? undefined : resolveFrom(out, env) };
}

/** `<archive> [--force]`. */
export function parseRestoreArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): { archive: string; force: boolean } {
  const { values, positionals } = parse(argv, { force: { type: 'boolean' } }, RESTORE_USAGE);
  if (positionals.length === 0) throw usageError(`which archive? ${RESTORE_USAGE}`);
  if (positionals.length > 1) throw usageError(`one archive at a time (got ${positionals.length})\n${RESTORE_USAGE}`);
  return { archive: resolveFrom(positionals[0], env), force: values.force === true };
}
