import { describe, expect, it } from 'vitest';
import { parseBackupArgs, parseRestoreArgs } from '../scripts/backup/args';
import { COUNT_NAMES, countDifferences, formatCounts, type Counts } from '../scripts/backup/counts';
import { CommandError } from '../scripts/backup/errors';
import { isSafeArchivePath, manifestProblem, parseManifest, type Manifest } from '../scripts/backup/manifest';

/** What a restore accepts of an archive's manifest and of its command line, before anything is read or written. */

const counts = Object.fromEntries(COUNT_NAMES.map((name, index) => [name, index * 3])) as Counts;
const manifest = (): Manifest => ({
  format: 'binhan-portal-backup',
  formatVersion: 1,
  createdAt: '2026-12-01T22:00:00.000Z',
  database: { kind: 'sqlite', path: 'database/cms.db' },
  uploads: { kind: 'local', count: 1, bytes: 3 },
  counts,
  files: [
    { path: 'database/cms.db', size: 4096, sha256: 'a'.repeat(64) },
    { path: 'uploads/anh_1.jpg', size: 3, sha256: 'b'.repeat(64) },
  ],
});

const exitCodeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof CommandError ? error.exitCode : 'not a CommandError';
  }
  return 'no error';
};

describe('the manifest', () => {
  it('accepts what pnpm backup writes', () => {
    expect(manifestProblem(manifest())).toBeUndefined();
    expect(parseManifest(Buffer.from(JSON.stringify(manifest())))).toEqual({ manifest: manifest() });
  });

  it('says what is wrong with one that is not valid', () => {
    const cases: Array<[(value: Manifest) => unknown, RegExp]> = [
      [(value) => ({ ...value, format: 'other' }), /not a portal backup/],
      [(value) => ({ ...value, formatVersion: 2 }), /format version is 2; this restore reads version 1/],
      [(value) => ({ ...value, counts: { ...value.counts, totalViews: -1 } }), /counts are incomplete/],
      [(value) => ({ ...value, files: [...value.files, value.files[1]] }), /lists uploads\/anh_1\.jpg twice/],
      [
        (value) => ({ ...value, files: [...value.files, { path: 'uploads/../x', size: 1, sha256: 'c'.repeat(64) }] }),
        /unsafe or missing path: "uploads\/\.\.\/x"/,
      ],
      [(value) => ({ ...value, files: [{ ...value.files[0], sha256: 'xyz' }] }), /sha256 of database\/cms\.db is not valid/],
      [(value) => ({ ...value, files: value.files.slice(1) }), /database file "database\/cms\.db" is not in its file list/],
    ];
    for (const [change, message] of cases) expect(manifestProblem(change(manifest()))).toMatch(message);
    expect(parseManifest(Buffer.from('{"format":'))).toEqual({ problem: 'its manifest.json is not valid JSON' });
  });

  it('keeps every file inside database/ or uploads/', () => {
    for (const good of ['database/cms.db', 'uploads/anh.jpg', 'uploads/cms/2026/anh.jpg']) expect(isSafeArchivePath(good), good).toBe(true);
    for (const bad of ['manifest.json', '/etc/passwd', 'uploads/../../etc/passwd', 'uploads//x', 'uploads/./x', 'uploads\\x', 'other/x', 'uploads']) {
      expect(isSafeArchivePath(bad), bad).toBe(false);
    }
  });
});

describe('the counts', () => {
  it('names the ones that differ and marks them in the printed table', () => {
    const restored = { ...counts, totalViews: counts.totalViews + 1 };
    expect(countDifferences(counts, counts)).toEqual([]);
    expect(countDifferences(counts, restored)).toEqual(['totalViews']);
    const table = formatCounts(counts, restored);
    expect(table).toMatch(/archive\s+restored/);
    expect(table).toMatch(new RegExp(`total views\\s+${counts.totalViews}\\s+${counts.totalViews + 1}  ← differs`));
    expect(table.match(/differs/g)).toHaveLength(1);
  });
});

describe('the command lines', () => {
  it('reads --out and the archive relative to where the command was typed, and --force', () => {
    expect(parseBackupArgs([], { INIT_CWD: '/srv/portal' })).toEqual({ out: undefined });
    expect(parseBackupArgs(['--out', 'b/x.tar.gz'], { INIT_CWD: '/srv/portal' })).toEqual({ out: '/srv/portal/b/x.tar.gz' });
    expect(parseBackupArgs(['--', '--out=/tmp/x.tar.gz'], {})).toEqual({ out: '/tmp/x.tar.gz' });
    expect(parseRestoreArgs(['x.tar.gz', '--force'], { INIT_CWD: '/srv' })).toEqual({ archive: '/srv/x.tar.gz', force: true });
    expect(parseRestoreArgs(['/a/x.tar.gz'], {})).toEqual({ archive: '/a/x.tar.gz', force: false });
  });

  it('refuses anything else as bad input (exit code 2)', () => {
    expect(exitCodeOf(() => parseBackupArgs(['--force']))).toBe(2);
    expect(exitCodeOf(() => parseBackupArgs(['x.tar.gz']))).toBe(2);
    expect(exitCodeOf(() => parseBackupArgs(['--out', ' ']))).toBe(2);
    expect(exitCodeOf(() => parseRestoreArgs([]))).toBe(2);
    expect(exitCodeOf(() => parseRestoreArgs(['a.tar.gz', 'b.tar.gz']))).toBe(2);
    expect(exitCodeOf(() => parseRestoreArgs(['a.tar.gz', '--out', 'x']))).toBe(2);
  });
});
