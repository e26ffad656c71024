import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureEnvFile, formatEnv, parseEnv, SECRET_GENERATORS, toRecord, withEnv } from '../src/index';

async function tempFile() {
  return path.join(await mkdtemp(path.join(tmpdir(), 'env-test-')), '.env');
}

describe('ensureEnvFile', () => {
  it('creates the file with every secret, readable by its owner only', async () => {
    const file = await tempFile();
    const { values, generated } = await ensureEnvFile(file);
    expect(generated.sort()).toEqual(Object.keys(SECRET_GENERATORS).sort());
    const written = toRecord(parseEnv(await readFile(file, 'utf8')));
    expect(written).toEqual(values);
    expect(written.APP_KEYS.split(',')).toHaveLength(4);
    expect(new Set(Object.values(written)).size).toBe(Object.keys(written).length);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('never changes a value that is there, fills only what is missing or empty', async () => {
    const file = await tempFile();
    await writeFile(file, '# mine\nJWT_SECRET=keep-me\nADMIN_JWT_SECRET=\nDATABASE_CLIENT=postgres\n');
    const { values, generated } = await ensureEnvFile(file);
    expect(values.JWT_SECRET).toBe('keep-me');
    expect(values.DATABASE_CLIENT).toBe('postgres');
    expect(generated).toContain('ADMIN_JWT_SECRET');
    expect(generated).not.toContain('JWT_SECRET');
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('# mine\nJWT_SECRET=keep-me\nADMIN_JWT_SECRET=')).toBe(true);

    const before = await readFile(file, 'utf8');
    const second = await ensureEnvFile(file);
    expect(second.generated).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe('parseEnv / formatEnv', () => {
  it('round-trips quoted values, comments and blanks', () => {
    const text = '# c\n\nA=1\nB="two words"\nC=\'x#y\'\nD=plain # trailing comment\n';
    const lines = parseEnv(text);
    expect(toRecord(lines)).toEqual({ A: '1', B: 'two words', C: 'x#y', D: 'plain' });
    expect(toRecord(parseEnv(formatEnv(lines)))).toEqual(toRecord(lines));
  });

  it('lets exported variables win over the file', () => {
    expect(withEnv({ PORT: '1', HOST: 'a' }, { PORT: '2' })).toEqual({ PORT: '2', HOST: 'a' });
  });
});
