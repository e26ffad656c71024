import { chmod, readFile, writeFile } from 'node:fs/promises';
import { formatEnv, parseEnv, toRecord, type EnvLine } from './dotenv';
import { SECRET_GENERATORS } from './secrets';

export { formatEnv, parseEnv, toRecord } from './dotenv';
export { SECRET_GENERATORS } from './secrets';
export { applyEnvFile, envFilePath, readEnvFile, repoPath, REPO_ROOT } from './repo';

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Makes sure `file` (the git-ignored .env) holds every secret: missing or empty ones are generated, values
 * already there are never changed (rotating them would log every editor out and break API tokens).
 * Returns the file's variables and the names it generated. The file is readable by its owner only.
 */
export async function ensureEnvFile(
  file: string,
  generators: Record<string, () => string> = SECRET_GENERATORS,
): Promise<{ values: Record<string, string>; generated: string[] }> {
  const existing = await readIfPresent(file);
  const lines: EnvLine[] = existing === undefined ? [{ text: '# Generated on first start. Keep it secret; never commit it.' }] : parseEnv(existing);
  const values = toRecord(lines);
  const generated: string[] = [];
  for (const [name, generate] of Object.entries(generators)) {
    if (values[name]?.trim()) continue;
    const value = generate();
    const index = lines.findIndex((line) => 'key' in line && line.key === name);
    if (index >= 0) lines[index] = { key: name, value };
    else lines.push({ key: name, value });
    values[name] = value;
    generated.push(name);
  }
  if (generated.length > 0 || existing === undefined) {
    await writeFile(file, formatEnv(lines), { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return { values, generated };
}

/** Variables from the .env file merged under the process environment: what is exported wins. */
export function withEnv(values: Record<string, string>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...values, ...env };
}

/**
 * The environment `pnpm start` gives the CMS and the publisher: the .env file's values under the process
 * environment, production mode unless said otherwise, and the publisher's webhook address from the port
 * the publisher will really listen on (an exported PUBLISHER_PORT wins over .env, so it must here too).
 */
export function startEnv(values: Record<string, string>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const merged = withEnv({ NODE_ENV: 'production', ...values }, env);
  return { ...merged, PUBLISHER_URL: merged.PUBLISHER_URL || `http://127.0.0.1:${merged.PUBLISHER_PORT || 4322}` };
}
