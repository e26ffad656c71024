import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uploadDrawnImage } from '../src/bootstrap/seed/images';
import type { Manifest } from '../scripts/backup/manifest';
import { readManifest, readTarGz, runBackupCommand, runRootScript, writeTarGz, type CommandResult } from './helpers/backup';
import { bootCms, type Cms } from './helpers/cms';
import { createTestDatabase, dbKind, type TestDatabase } from './helpers/database';
import { adminLogin, apiToken, rest } from './helpers/http';
import { bootSeededCms } from './helpers/seeded';

/**
 * `pnpm backup` and `pnpm restore` against the real CMS: a seeded CMS is changed (an article edited, views
 * raised, a publish scheduled, an admin role and user added, an image uploaded, an API token made) and
 * backed up while it runs and writes; the archive is restored into a new database and upload folder and
 * a CMS booted on them has all of it. Damaged archives and non-empty targets are refused with nothing written.
 */

const ARTICLE = 'api::article.article';
const EDITOR = { email: 'saoluu@binhan.gov.vn', password: 'SaoLuu2026!' };
const ROLE = 'Kiểm tra sao lưu';
const EDITED_TITLE = 'Tỉnh ủy họp bàn kế hoạch sao lưu dữ liệu cổng thông tin';
const SCHEDULED_AT = '2031-03-15T01:30:00.000Z';
const kind = dbKind();

type Documents = {
  findFirst(query: Record<string, unknown>): Promise<{ documentId: string; title: string } | null>;
  findOne(query: Record<string, unknown>): Promise<Record<string, unknown> | null>;
  create(query: Record<string, unknown>): Promise<{ documentId: string }>;
  update(query: Record<string, unknown>): Promise<unknown>;
  publish(query: Record<string, unknown>): Promise<unknown>;
};
type AdminServices = {
  role: { create(data: Record<string, unknown>): Promise<{ id: number }> };
  user: { create(data: Record<string, unknown>): Promise<{ id: number }> };
};

const documents = (cms: Cms) => cms.strapi.documents(ARTICLE) as unknown as Documents;
const noStack = (result: CommandResult) => expect(result.stderr).not.toMatch(/\n\s+at /);

describe(`pnpm backup and pnpm restore (${kind})`, () => {
  let work: string;
  let source: Cms | undefined;
  let restored: Cms | undefined;
  let archive: string;
  let manifest: Manifest;
  let target: TestDatabase;
  let targetPublic: string;
  const expected = {} as {
    edited: string;
    views: number;
    scheduled: string;
    image: { url: string; bytes: Buffer };
    token: string;
    salt: string;
    counts: Record<string, number>;
  };

  /** A command on the restore target's database and upload folder. */
  const restore = (args: string[]) => runBackupCommand('restore', args, { ...target.env, PUBLIC_DIR: targetPublic }, work);

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'cms-backup-test-'));
    // The seeded media, in a folder of this file's own: an upload must not land in the run's shared template.
    const sourcePublic = path.join(work, 'source-public');
    await cp(inject('cmsTemplate').publicDir, sourcePublic, { recursive: true });
    source = await bootSeededCms({ PUBLIC_DIR: sourcePublic });
    const sourceEnv: Record<string, string> =
      kind === 'sqlite'
        ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: process.env.DATABASE_FILENAME! }
        : { DATABASE_CLIENT: 'postgres', DATABASE_URL: process.env.DATABASE_URL! };
    expected.salt = process.env.API_TOKEN_SALT!;

    // The changes a day of editing makes.
    const article = (await documents(source).findFirst({ status: 'published', sort: 'publishedAt:desc' }))!;
    expected.edited = article.documentId;
    await documents(source).update({ documentId: article.documentId, data: { title: EDITED_TITLE } });
    await documents(source).publish({ documentId: article.documentId });
    await source.strapi.db.connection('articles').where({ document_id: article.documentId }).increment('views', 4321);
    const [highest] = await source.strapi.db
      .connection('articles')
      .where({ document_id: article.documentId })
      .max<Array<{ views: number }>>('views as views');
    expected.views = Number(highest.views);
    const draft = await documents(source).create({
      data: { title: 'Thông báo lịch tiếp công dân quý II', lead: 'Lịch tiếp công dân của lãnh đạo tỉnh.', scheduledPublishAt: SCHEDULED_AT },
    });
    expected.scheduled = draft.documentId;
    const admin = { role: source.strapi.service('admin::role'), user: source.strapi.service('admin::user') } as unknown as AdminServices;
    const role = await admin.role.create({ name: ROLE, description: 'Vai trò tạo ra để kiểm tra sao lưu' });
    await admin.user.create({ ...EDITOR, firstname: 'Kiểm', lastname: 'Tra', isActive: true, registrationToken: null, roles: [role.id] });
    const image = await uploadDrawnImage(
      source.strapi,
      { kind: 'photo', seed: 4242 },
      { name: 'anh-sao-luu', alternativeText: 'Ảnh kiểm tra sao lưu' },
    );
    expected.image = { url: image.url, bytes: await readFile(path.join(sourcePublic, image.url)) };
    expected.token = await apiToken(source, 'read-only');

    // Backed up while the CMS runs and another article's views keep being written, as the counters do.
    const busy = (await documents(source).findFirst({ status: 'published', sort: 'publishedAt:asc' }))!;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await source.strapi.db.connection('articles').where({ document_id: busy.documentId }).increment('views', 1);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    archive = path.join(work, 'archives', 'portal.tar.gz');
    const backup = await runBackupCommand('backup', ['--out', archive], { ...sourceEnv, PUBLIC_DIR: sourcePublic }, work);
    writing = false;
    await writer;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Backup written: ${archive}`);
    manifest = await readManifest(archive);

    const count = (uid: 'admin::user' | 'admin::role' | 'admin::api-token' | 'plugin::upload.file') => source!.strapi.db.query(uid).count();
    expected.counts = {
      adminUsers: await count('admin::user'),
      adminRoles: await count('admin::role'),
      apiTokens: await count('admin::api-token'),
      files: await count('plugin::upload.file'),
    };
    await source.stop();
    source = undefined;

    target = await createTestDatabase(kind);
    targetPublic = path.join(work, 'target-public');
    await mkdir(path.join(targetPublic, 'uploads'), { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await source?.stop();
    await restored?.stop();
    await target?.drop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('writes one archive readable by its owner only: manifest first, the database, every upload, with sizes and sha256', async () => {
    expect((await stat(archive)).mode & 0o777).toBe(0o600);
    const entries = await readTarGz(archive);
    const names = [...entries.keys()];
    expect(names[0]).toBe('manifest.json');
    expect(names[1]).toBe(kind === 'sqlite' ? 'database/cms.db' : 'database/cms.dump');
    expect(names).toContain(`uploads${expected.image.url.slice('/uploads'.length)}`);
    expect(manifest).toMatchObject({ format: 'binhan-portal-backup', formatVersion: 1, database: { kind }, uploads: { kind: 'local' } });
    expect(Date.parse(manifest.createdAt)).toBeGreaterThan(Date.now() - 15 * 60_000);
    expect(manifest.files.map((file) => file.path)).toEqual(names.slice(1));
    for (const file of manifest.files) {
      const bytes = entries.get(file.path)!;
      expect(bytes.length).toBe(file.size);
      expect(createHashOf(bytes)).toBe(file.sha256);
    }
    const image = entries.get(`uploads${expected.image.url.slice('/uploads'.length)}`)!;
    expect(image.equals(expected.image.bytes)).toBe(true);
    expect(manifest.counts).toMatchObject(expected.counts);
    expect(manifest.counts.scheduledArticles).toBeGreaterThanOrEqual(1);
    expect(manifest.counts.publishedArticles).toBeGreaterThan(10);
    expect(manifest.counts.totalViews).toBeGreaterThanOrEqual(expected.views);
  });

  it('refuses bad input with exit code 2 and a message: a missing file, not an archive, unknown flags, no archive', async () => {
    const notArchive = path.join(work, 'notes.tar.gz');
    await writeFile(notArchive, 'Biên bản họp, không phải bản sao lưu\n');
    const cases: Array<[string[], RegExp]> = [
      [[path.join(work, 'missing.tar.gz')], /missing\.tar\.gz: no such file/],
      [[notArchive], /is not a backup archive \(not a \.tar\.gz file\)/],
      [[archive, '--forse'], /Unknown option '--forse'/],
      [[], /which archive\? usage: pnpm restore <archive.tar.gz> \[--force\]/],
      [[archive, archive], /one archive at a time/],
    ];
    for (const [args, message] of cases) {
      const result = await restore(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      noStack(result);
    }
    const backup = await runBackupCommand('backup', ['--output', 'x.tar.gz'], {}, work);
    expect(backup.code).toBe(2);
    expect(backup.stderr).toMatch(/Unknown option '--output'[\s\S]*usage: pnpm backup \[--out <file.tar.gz>\]/);
    // The root scripts the README lists, with pnpm's exit code the command's own.
    const viaPnpm = await runRootScript('restore', [path.join(work, 'missing.tar.gz')], { ...target.env, PUBLIC_DIR: targetPublic }, work);
    expect(viaPnpm.code).toBe(2);
    expect(viaPnpm.stderr).toMatch(/^pnpm restore: .*missing\.tar\.gz: no such file$/m);
    expect((await runRootScript('backup', ['--bogus'], {}, work)).code).toBe(2);
  });

  it('refuses a truncated archive, one with a byte changed and one whose file does not match its manifest, writing nothing', async () => {
    const bytes = await readFile(archive);
    const truncated = path.join(work, 'truncated.tar.gz');
    await writeFile(truncated, bytes);
    await truncate(truncated, Math.floor(bytes.length / 2));
    const flipped = path.join(work, 'flipped.tar.gz');
    const changed = Buffer.from(bytes);
    changed[Math.floor(bytes.length * 0.6)] ^= 0xff;
    await writeFile(flipped, changed);
    // Repacked by hand: valid gzip and tar, one byte of the database changed, the manifest left as it was.
    const tampered = path.join(work, 'tampered.tar.gz');
    const entries = await readTarGz(archive);
    const database = Buffer.from(entries.get(manifest.database.path)!);
    database[database.length - 100] ^= 0x01;
    entries.set(manifest.database.path, database);
    await writeTarGz(tampered, entries);
    const extra = path.join(work, 'extra.tar.gz');
    await writeTarGz(extra, new Map([...(await readTarGz(archive)), ['uploads/../../etc/cron.d/x', Buffer.from('* * * * * root true\n')]]));

    const cases: Array<[string, RegExp]> = [
      [truncated, /archive refused, nothing was restored: .*truncated\.tar\.gz: it is truncated/],
      [
        flipped,
        /archive refused, nothing was restored: .*flipped\.tar\.gz: (its compressed data is corrupt|.* has sha256 .* where the manifest says|its tar data is corrupt)/,
      ],
      [
        tampered,
        new RegExp(
          `archive refused, nothing was restored: .*: ${manifest.database.path} has sha256 [0-9a-f]{64} where the manifest says ${manifest.files[0].sha256}: its content was changed`,
        ),
      ],
      [extra, /archive refused, nothing was restored: .*: it holds uploads\/\.\.\/\.\.\/etc\/cron\.d\/x, which its manifest does not list/],
    ];
    for (const [file, message] of cases) {
      const result = await restore([file]);
      expect(result.code, path.basename(file)).toBe(1);
      expect(result.stderr).toMatch(message);
      noStack(result);
    }
    // Nothing was written into the target.
    if (kind === 'sqlite') await expect(stat(target.env.DATABASE_FILENAME)).rejects.toThrow(/ENOENT/);
    else expect(await postgresTables(target.env.DATABASE_URL)).toEqual([]);
    expect(await readdirOf(path.join(targetPublic, 'uploads'))).toEqual([]);
  });

  it('restores into an empty database and upload folder, printing the counts read back next to the manifest’s', async () => {
    const result = await restore([archive]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/archive\s+restored/);
    expect(result.stdout).toMatch(new RegExp(`total views\\s+${manifest.counts.totalViews}\\s+${manifest.counts.totalViews}\\n`));
    expect(result.stdout).toMatch(new RegExp(`admin users\\s+${manifest.counts.adminUsers}\\s+${manifest.counts.adminUsers}\\n`));
    expect(result.stdout).not.toContain('differs');
    const restoredImage = await readFile(path.join(targetPublic, expected.image.url));
    expect(restoredImage.equals(expected.image.bytes)).toBe(true);
  });

  it('refuses the now non-empty target without --force, saying what is there, and replaces it with --force', async () => {
    await writeFile(path.join(targetPublic, 'uploads', 'stray.txt'), 'không thuộc bản sao lưu');
    const refused = await restore([archive]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /refused, nothing was restored: the target is not empty \(.* has rows in \d+ tables \(.+\); folder .* holds \d+ uploads \(.+\)\)/,
    );
    expect(refused.stderr).toContain('add --force to replace what is there');
    expect(await readFile(path.join(targetPublic, 'uploads', 'stray.txt'), 'utf8')).toBe('không thuộc bản sao lưu');

    const forced = await restore([archive, '--force']);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('(replacing what is there)');
    await expect(stat(path.join(targetPublic, 'uploads', 'stray.txt'))).rejects.toThrow(/ENOENT/);
  });

  it('leaves the database as it was when what it restores does not match the manifest’s counts', async () => {
    const marker = 'Tiêu đề trước khi khôi phục';
    await onTarget(target, `UPDATE articles SET title = '${marker}' WHERE document_id = '${expected.edited}'`);
    // The manifest is not covered by its own checksums: a count changed in it is only caught against the database.
    const entries = await readTarGz(archive);
    const wrong = { ...manifest, counts: { ...manifest.counts, totalViews: manifest.counts.totalViews + 1 } };
    entries.set('manifest.json', Buffer.from(JSON.stringify(wrong)));
    const miscounted = path.join(work, 'miscounted.tar.gz');
    await writeTarGz(miscounted, entries);

    const result = await restore([miscounted, '--force']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      kind === 'sqlite'
        ? /archive refused, nothing was restored: its database does not hold what its manifest counts \(totalViews\)/
        : /the database was left as it was: .*the restored counts differ from the manifest: totalViews/,
    );
    expect(await onTarget(target, `SELECT title FROM articles WHERE document_id = '${expected.edited}'`)).toEqual([
      { title: marker },
      { title: marker },
    ]);

    const again = await restore([archive, '--force']);
    expect(again.code).toBe(0);
  });

  it('boots a CMS on the restored data with the same articles, images, views, schedule, admin users, roles and API tokens', async () => {
    restored = await bootCms(target, { PUBLIC_DIR: targetPublic, SEED_DEMO: 'false', API_TOKEN_SALT: expected.salt });
    const article = await rest<{ title: string; views: number }>(restored, 'GET', `/api/articles/${expected.edited}`);
    expect(article.status).toBe(200);
    expect(article.body.data).toMatchObject({ title: EDITED_TITLE, views: expected.views });

    const image = await fetch(`${restored.url}${expected.image.url}`);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(expected.image.bytes)).toBe(true);

    const scheduled = await documents(restored).findOne({ documentId: expected.scheduled, status: 'draft' });
    expect(new Date(scheduled!.scheduledPublishAt as string).toISOString()).toBe(SCHEDULED_AT);

    const jwt = await adminLogin(restored.url, EDITOR);
    const me = await fetch(`${restored.url}/admin/users/me`, { headers: { authorization: `Bearer ${jwt}` } });
    const { data } = (await me.json()) as { data: { email: string; roles: Array<{ name: string }> } };
    expect(data.email).toBe(EDITOR.email);
    expect(data.roles.map((role) => role.name)).toEqual([ROLE]);

    // The agency's token still opens the API (the salt of the backed-up machine's .env); a made-up one does not.
    expect((await rest(restored, 'GET', '/api/articles', { token: expected.token })).status).toBe(200);
    expect((await rest(restored, 'GET', '/api/articles', { token: 'x'.repeat(64) })).status).toBe(401);

    const counts = {
      adminUsers: await restored.strapi.db.query('admin::user').count(),
      adminRoles: await restored.strapi.db.query('admin::role').count(),
      apiTokens: await restored.strapi.db.query('admin::api-token').count(),
      files: await restored.strapi.db.query('plugin::upload.file').count(),
    };
    expect(counts).toEqual(expected.counts);
  }, 300_000);

  // SQLite only: PostgreSQL's restore waits for the CMS's locks at most 15 s, then rolls back.
  if (kind === 'sqlite')
    it('refuses to replace a SQLite database the CMS has open', async () => {
      const result = await restore([archive, '--force']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/is in use .*: stop the CMS before restoring/);
      const article = await rest<{ title: string }>(restored!, 'GET', `/api/articles/${expected.edited}`);
      expect(article.body.data?.title).toBe(EDITED_TITLE);
    });
});

function createHashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Runs one SQL statement on a test database, straight through its driver. */
async function onTarget(database: TestDatabase, sql: string): Promise<unknown[]> {
  if (database.kind === 'sqlite') {
    const db = new Database(database.env.DATABASE_FILENAME);
    try {
      const statement = db.prepare(sql);
      return statement.reader ? statement.all() : (statement.run(), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function postgresTables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map(
      (row) => row.tablename,
    );
  } finally {
    await client.end();
  }
}

async function readdirOf(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.startsWith('.'));
}
