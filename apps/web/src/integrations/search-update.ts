/**
 * The search index as Pagefind indexes merged in the browser, so that a refresh costs what changed rather
 * than the whole site, and writing the whole site costs one shard's memory at a time:
 *
 *   pagefind/                 the base's first shard, as Pagefind's own bundle (pagefind.js and its WebAssembly
 *                             included): the primary index the search page loads
 *   pagefind/base-<id>/       the base's other shards (entry, meta, index and fragment files only: the browser
 *                             merges them into the primary with `mergeIndex`); at most SHARD_SIZE articles each
 *   pagefind/recent-<id>/     the recent index: the articles added or changed since the base (merged the same way)
 *   pagefind/recent.json      which shards and recent index to merge, and the Pagefind ids of the base's pages
 *                             the recent index supersedes (changed or gone articles), dropped from results
 *
 * Pagefind names its index and fragment files by their content, and a shard's folder is named by its records,
 * so a refresh writes a new recent folder and recent.json and nothing else; past a bound (MAX_RECENT) the base
 * is written again, only the shards holding a changed or removed article, or taking new ones (search-shards.ts);
 * asked for a full write, every shard. Pagefind writes one shard after another (a whole new base while its
 * records still come: SearchBaseWriter), so its memory is bounded by two shards whatever the size of the
 * site. The files are written fresh (a new inode), never over a file that may be hard-linked from a live
 * release.
 */
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pagefind from 'pagefind';
import type { SearchRecord } from './search';
import type { StoredRecord } from './search-record';
import { planShards, SHARD_SIZE } from './search-shards';

/** The folder of the index inside a build's output. */
export const SEARCH_DIR = 'pagefind';
/** The file that tells the search page which recent index to merge and which base pages to drop. */
export const RECENT_MANIFEST = 'recent.json';

/**
 * Articles per fragment file at most, on average (Pagefind bundles fragments past a bound per index): 10,000
 * articles make 2,000 small files rather than 10,000, which every release would have to link again.
 */
const ARTICLES_PER_FRAGMENT_FILE = 5;

/**
 * The recent index holds at most this many articles before the base is written again: Pagefind writes
 * 500 articles in about a second, and a reader's query loads one more index whatever its size.
 */
export const MAX_RECENT = 500;

/** What the search page reads from recent.json. */
export type RecentManifest = {
  /** The base's shards after the first (the primary bundle), each a folder under pagefind/ with a trailing slash. */
  bases: string[];
  /** The recent index's folder under pagefind/ (with a trailing slash), or null when there is none. */
  index: string | null;
  /**
   * The base's pages that are no longer current, as [Pagefind id, URL]: Pagefind's ids (7 hex digits of a
   * hash) are unique within one index only, so an id may also name another shard's page, which stays.
   */
  drop: Array<[id: string, url: string]>;
};

/** What a writer keeps of an index to update it later (in memory: the publisher's state of a release). */
export type SearchIndexState = {
  /** The base's articles: the record it was written from and its Pagefind page id, by slug. */
  base: ReadonlyMap<string, { record: StoredRecord; id: string }>;
  /** The base's shards in order: the folder under pagefind/ ('' for the primary bundle, else `base-<id>/`) and the slugs of each. */
  shards: ReadonlyArray<{ folder: string; slugs: readonly string[] }>;
  /** The articles of the recent index, by slug (empty when it has none). */
  recent: ReadonlySet<string>;
  /** Every file of the index, relative to the output folder (pagefind/…). */
  files: readonly string[];
};

export type SearchUpdate = {
  /** 'full': the base was written (every shard, or those holding changes) and the recent index emptied. */
  kind: 'full' | 'recent';
  /** Files this call wrote, relative to the output folder. */
  written: string[];
  /** Files of the previous index the new one no longer uses, relative to the output folder. */
  obsolete: string[];
  /** The new index's state, for the next update. */
  state: SearchIndexState;
};

export type SearchUpdateOptions = {
  /** Rewrite the base even when the recent index would do. */
  full?: boolean;
  /** The recent index's bound (MAX_RECENT). */
  maxRecent?: number;
  /** Articles per base shard (SHARD_SIZE). */
  shardSize?: number;
  /** Pagefind's bound on the fragment files of one index (one shard), past which it bundles fragments. */
  maxFragments?: number;
  /** Checked while Pagefind works: true stops it, and the update resolves with null (the files are unusable). */
  shouldStop?: () => boolean;
};

const bySlug = ([a]: readonly [string, ...unknown[]], [b]: readonly [string, ...unknown[]]) => (a < b ? -1 : a > b ? 1 : 0);

/** Writes `content` as a new file (temporary name, then rename): a hard-linked file of another release stays as it was. */
async function writeFresh(file: string, content: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

/**
 * The Pagefind page id and URL of every page in a fragment file: a single fragment is named by its page's
 * id; a bundle (`vi_group_…`, past MAX_FRAGMENTS pages) is a JSON object of fragments by page id.
 */
function fragmentIds(name: string, compressed: Uint8Array): Array<[id: string, url: string]> {
  const json = JSON.parse(gunzipSync(compressed).subarray(12).toString('utf8')) as unknown; // after the "pagefind_dcd" signature
  const isFragment = (value: unknown): value is { url: string } => typeof (value as { url?: unknown }).url === 'string';
  if (isFragment(json)) return [[path.basename(name, '.pf_fragment'), json.url]];
  return Object.entries(json as Record<string, unknown>).flatMap(([id, fragment]) =>
    isFragment(fragment) ? [[id, fragment.url] as [string, string]] : [],
  );
}

/**
 * Runs `body` with Pagefind's service, closed at the end: resolves with null when `shouldStop` turned true on
 * the way (the service is closed at once, its pending answers rejected, the files written so far unusable).
 */
async function withPagefind<T>(shouldStop: () => boolean, body: () => Promise<T>): Promise<T | null> {
  let stopped = false;
  // Writing the files takes seconds on a large site: stopping Pagefind is the only way to cut it short.
  const watcher = setInterval(() => {
    if (!stopped && shouldStop()) {
      stopped = true;
      void pagefind.close();
    }
  }, 100);
  try {
    if (shouldStop()) return null;
    const result = await body();
    return stopped || shouldStop() ? null : result;
  } catch (error) {
    if (stopped) return null;
    throw error;
  } finally {
    clearInterval(watcher);
    await pagefind.close();
  }
}

/** Pagefind's Node API: one service process per copy of the module. */
type PagefindApi = Pick<typeof pagefind, 'createIndex' | 'close'>;

/**
 * `count` copies of Pagefind's Node API, each with a service process of its own (the module keeps one
 * service per instance: a copy is the same file imported under another URL). Pagefind indexes on one core;
 * two services write two shards at once.
 */
async function pagefindServices(count: number): Promise<PagefindApi[]> {
  const services: PagefindApi[] = [pagefind];
  if (count > 1) {
    const entry = pathToFileURL(pagefindEntry()).href;
    for (let n = 1; n < count; n++) services.push((await import(`${entry}?service=${n}`)) as PagefindApi);
  }
  return services;
}

/**
 * The file of Pagefind's Node API, as `import 'pagefind'` loads it: its package exports an ES module only,
 * which require.resolve refuses, and import.meta.resolve is not there under every loader (vite's).
 */
function pagefindEntry(): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths('pagefind') ?? []) {
    const manifest = path.join(dir, 'pagefind', 'package.json');
    if (!existsSync(manifest)) continue;
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: { '.': { import: string } } };
    return path.join(dir, 'pagefind', exports['.'].import);
  }
  throw new Error('Pagefind is not installed beside the site');
}

/**
 * Records sent to Pagefind and not yet answered, across a writer's indexes: each waits in memory (the
 * message, encoded) until Pagefind takes it, so a writer fed faster than Pagefind indexes makes its feeder
 * wait (`room`) past MAX_UNANSWERED.
 */
class RecordQueue {
  private unanswered = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  sent(): void {
    this.unanswered++;
  }

  answered(): void {
    this.unanswered--;
    if (this.unanswered < this.max) for (const wake of this.waiting.splice(0)) wake();
  }

  /** Resolves once fewer than `max` records wait. */
  room(): Promise<void> {
    return this.unanswered < this.max ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Wakes every waiter (the writer stopped: nothing will be answered). */
  release(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }
}

/** Records waiting for Pagefind at most before a streaming writer's feeder waits: some 20 MB of messages. */
const MAX_UNANSWERED = 2000;

/**
 * One Pagefind index being written. Records are sent as they are added, unawaited: Pagefind (a process of
 * its own) indexes them while the caller goes on, rendering the next pages say. Pagefind answers its
 * messages one at a time, in the order sent, so the same records in the same order give the same files.
 */
class IndexWriter {
  private readonly index: Promise<pagefind.PagefindIndex>;
  private readonly sent: Array<Promise<void>> = [];
  readonly records: Array<[string, StoredRecord]> = [];

  private written: Promise<pagefind.IndexFile[]> | null = null;

  constructor(maxFragments: number, service: PagefindApi | Promise<PagefindApi> = pagefind) {
    this.index = Promise.resolve(service)
      .then((api) => api.createIndex({ forceLanguage: 'vi', maxFragments }))
      .then(({ index, errors }) => {
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        return index;
      });
    // Rejections are read by files(); never left unhandled when it is not called (a failed build).
    this.index.catch(() => undefined);
  }

  /** Adds a record; `fields` is the record itself when the caller has it (else it is read from `record`). */
  add(slug: string, record: StoredRecord, queue?: RecordQueue, fields: SearchRecord = record.record()): void {
    if (this.written) throw new Error('The index was already asked for its files');
    this.records.push([slug, record]);
    queue?.sent();
    const sent = this.index
      .then((index) => index.addCustomRecord(fields))
      .then((added) => {
        if (added.errors.length) throw new Error(`Pagefind refused the record of ${record.url}: ${added.errors.join('; ')}`);
      })
      .finally(() => queue?.answered());
    sent.catch(() => undefined);
    this.sent.push(sent);
  }

  /**
   * The index's files, once every record is in (the first call asks Pagefind; later calls share its answer);
   * the index is dropped from Pagefind's memory after.
   */
  files(): Promise<pagefind.IndexFile[]> {
    this.written ??= (async () => {
      await Promise.all(this.sent);
      const index = await this.index;
      const { files, errors } = await index.getFiles();
      if (errors.length) throw new Error(`Pagefind could not build the index: ${errors.join('; ')}`);
      await index.deleteIndex();
      return files;
    })();
    this.written.catch(() => undefined);
    return this.written;
  }
}

function manifestJson(manifest: RecentManifest): string {
  return `${JSON.stringify(manifest)}\n`;
}

/**
 * A folder's name from the records it indexes, in order, and `extra` (JSON): the same records give the same
 * name. A record's JSON holds no raw line break, so the line breaks between the parts keep them apart.
 */
function folderId(records: ReadonlyArray<readonly [string, StoredRecord]>, extra: unknown = null): string {
  const hash = createHash('sha256');
  for (const [slug, record] of records) {
    hash.update(`${JSON.stringify(slug)}\n`);
    record.hashInto(hash);
    hash.update('\n');
  }
  return hash.update(JSON.stringify(extra)).digest('hex').slice(0, 12);
}

/** The files of the base's shard in `folder` ('' : the primary bundle), among an index's files. */
function shardFiles(files: readonly string[], folder: string): string[] {
  const prefix = `${SEARCH_DIR}/${folder}`;
  return files.filter((file) =>
    folder ? file.startsWith(prefix) : file.startsWith(prefix) && !/^pagefind\/(base-|recent-|recent\.json$)/.test(file),
  );
}

/**
 * Writes one shard's index from `writer` (every record added): the primary bundle (folder '') whole, another
 * shard as the files `mergeIndex` reads. Resolves with the files written and each article's Pagefind id.
 */
async function writeShard(writer: IndexWriter, folder: string, outDir: string) {
  const shard = writer.records;
  const all = await writer.files();
  const files = folder ? all.filter((file) => MERGED_FILE.test(file.path)) : all;
  const slugOf = new Map(shard.map(([slug, record]) => [record.url, slug]));
  const ids = new Map<string, string>();
  const written: string[] = [];
  for (const file of files) {
    if (file.path.startsWith('fragment/'))
      for (const [id, url] of fragmentIds(file.path, file.content)) {
        const slug = slugOf.get(url);
        if (slug !== undefined) ids.set(slug, id);
      }
    const name = path.join(SEARCH_DIR, folder, file.path);
    await writeFresh(path.join(outDir, name), file.content);
    written.push(name);
  }
  if (ids.size !== shard.length) throw new Error(`Pagefind's index names ${ids.size} of ${shard.length} articles`);
  return { written, ids };
}

/** A shard's folder: '' for the first (the primary bundle), else named by its records. */
const shardFolder = (n: number, shard: Array<[string, StoredRecord]>) => (n === 0 ? '' : `base-${folderId(shard)}/`);

/** Writes recent.json naming the base's shards after the first, no recent index: the last file of a new base. */
async function writeBaseManifest(outDir: string, shards: ReadonlyArray<{ folder: string }>): Promise<string> {
  const manifest = path.join(SEARCH_DIR, RECENT_MANIFEST);
  await writeFresh(path.join(outDir, manifest), manifestJson({ bases: shards.slice(1).map(({ folder }) => folder), index: null, drop: [] }));
  return manifest;
}

export type SearchBaseOptions = Pick<SearchUpdateOptions, 'shardSize' | 'maxFragments' | 'shouldStop'> & {
  /** Pagefind services writing shards at once (default 1): each takes a core while it writes a shard. */
  services?: number;
  /** Records waiting for Pagefind past which `room` makes the feeder wait (MAX_UNANSWERED). */
  maxUnanswered?: number;
};

/**
 * A whole new base written while its records come, in slug order (a full build renders its articles in
 * that order): each shard goes to Pagefind as its records arrive, and is written out once the next shard
 * starts, so that Pagefind indexes on the other core while the pages render, and only the last shard is
 * left when the last page is done. The shards are those planShards cuts with no previous base: the same
 * records give the same files as any other full write. `finish` resolves with the update (null when
 * `shouldStop` turned true); `abort` drops the work (a failed build). Pagefind's memory holds two shards at
 * most: the one being written out and the next one filling.
 */
export class SearchBaseWriter {
  private readonly run: { shouldStop: () => boolean; maxFragments: number; shardSize: number };
  private current: IndexWriter | null = null;
  private readonly shards: Array<{ folder: string; slugs: string[] }> = [];
  private readonly base = new Map<string, { record: StoredRecord; id: string }>();
  private readonly written: string[] = [];
  /** The shards written out so far, one after another; the first error or stop ends it. */
  private done: Promise<boolean>;
  private last: string | null = null;
  private stopped = false;
  private readonly watcher: ReturnType<typeof setInterval>;
  private readonly services: Promise<PagefindApi[]>;
  private readonly queue: RecordQueue;

  constructor(
    private readonly outDir: string,
    options: SearchBaseOptions = {},
  ) {
    const count = options.services ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > 16) throw new RangeError(`services must be a whole number from 1 to 16 (got ${count})`);
    this.services = pagefindServices(count);
    this.queue = new RecordQueue(options.maxUnanswered ?? MAX_UNANSWERED);
    this.services.catch(() => undefined);
    const shardSize = options.shardSize ?? SHARD_SIZE;
    const shouldStop = options.shouldStop ?? (() => false);
    this.run = { shouldStop, shardSize, maxFragments: options.maxFragments ?? Math.ceil(shardSize / ARTICLES_PER_FRAGMENT_FILE) };
    this.done = rm(path.join(outDir, SEARCH_DIR), { recursive: true, force: true }).then(() => true);
    this.done.catch(() => undefined);
    this.watcher = setInterval(() => {
      if (!this.stopped && shouldStop()) void this.stop();
    }, 100);
    this.watcher.unref();
  }

  /**
   * Adds an article's record; slugs must come in increasing order (as bySlug sorts them). `fields` is the
   * record itself when the caller has it (else it is read from `record`).
   */
  add(slug: string, record: StoredRecord, fields?: SearchRecord): void {
    if (this.stopped) return;
    if (this.last !== null && !(this.last < slug)) throw new Error(`Search records must come in slug order: ${slug} after ${this.last}`);
    this.last = slug;
    if (this.current && this.current.records.length >= this.run.shardSize) this.close();
    if (!this.current) {
      const n = this.shards.length;
      this.current = new IndexWriter(
        this.run.maxFragments,
        this.services.then((services) => services[n % services.length]),
      );
    }
    this.current.add(slug, record, this.queue, fields);
  }

  /**
   * Resolves once Pagefind has room for more records: a feeder that awaits it between records never keeps
   * more than MAX_UNANSWERED of them waiting in memory.
   */
  room(): Promise<void> {
    return this.stopped ? Promise.resolve() : this.queue.room();
  }

  /** The shard being filled is complete: it is written out after the ones before it. */
  private close(): void {
    const writer = this.current;
    if (!writer) return;
    this.current = null;
    const n = this.shards.length;
    const slugs = writer.records.map(([slug]) => slug);
    const folder = shardFolder(n, writer.records);
    this.shards.push({ folder, slugs });
    // Asked now, not when the shards before it are written out: another service may write it meanwhile.
    void writer.files();
    const previous = this.done;
    this.done = (async () => {
      if (!(await previous)) return false;
      const result = await writeShard(writer, folder, this.outDir);
      const records = new Map(writer.records);
      for (const [slug, id] of result.ids) this.base.set(slug, { record: records.get(slug)!, id });
      this.written.push(...result.written);
      return true;
    })();
    this.done.catch(() => undefined);
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watcher);
    this.queue.release();
    const services = await this.services.catch(() => [pagefind]);
    await Promise.all(services.map((service) => service.close()));
  }

  /** Writes the last shard and recent.json; resolves with the new index, or null when stopped. */
  async finish(): Promise<SearchUpdate | null> {
    try {
      if (this.stopped || this.run.shouldStop()) return null;
      this.close();
      await this.done;
      if (this.stopped) return null;
      const manifest = await writeBaseManifest(this.outDir, this.shards);
      const written = [...this.written, manifest].sort();
      return { kind: 'full', written, obsolete: [], state: { base: this.base, shards: this.shards, recent: new Set(), files: written } };
    } catch (error) {
      if (this.stopped) return null;
      throw error;
    } finally {
      await this.stop();
    }
  }

  /** Drops the work: Pagefind is stopped, the files written so far are left to the caller's folder. */
  async abort(): Promise<void> {
    await this.stop();
    await this.done.catch(() => undefined);
  }
}

/**
 * A new base for `sorted` (slug order) from the previous base, no recent index: the shards planShards
 * touches are written, the others carried as they were. Resolves with null when stopped.
 */
async function writeBase(
  sorted: Array<[string, StoredRecord]>,
  changed: ReadonlySet<string>,
  previous: SearchIndexState,
  outDir: string,
  run: { shouldStop: () => boolean; maxFragments: number; shardSize: number },
) {
  const records = new Map(sorted);
  const plan = planShards(
    sorted.map(([slug]) => slug),
    previous.shards.map(({ slugs }) => slugs),
    changed,
    run.shardSize,
  );
  const base = new Map<string, { record: StoredRecord; id: string }>();
  const shards: Array<{ folder: string; slugs: string[] }> = [];
  const files: string[] = [];
  const written: string[] = [];
  const done = await withPagefind(run.shouldStop, async () => {
    for (const [n, slugs] of plan.shards.entries()) {
      const from = plan.from[n];
      if (!plan.touched[n] && from !== null) {
        const { folder } = previous.shards[from];
        for (const slug of slugs) base.set(slug, previous.base.get(slug)!);
        shards.push({ folder, slugs });
        files.push(...shardFiles(previous.files, folder));
        continue;
      }
      const writer = new IndexWriter(run.maxFragments);
      for (const slug of slugs) writer.add(slug, records.get(slug)!);
      const folder = shardFolder(n, writer.records);
      const result = await writeShard(writer, folder, outDir);
      for (const [slug, id] of result.ids) base.set(slug, { record: records.get(slug)!, id });
      shards.push({ folder, slugs });
      files.push(...result.written);
      written.push(...result.written);
    }
    return true;
  });
  if (!done) return null;
  const manifest = await writeBaseManifest(outDir, shards);
  files.push(manifest);
  written.push(manifest);
  return { files: files.sort(), written: written.sort(), base, shards };
}

/** A Pagefind file a merged index (a shard, the recent index) needs: the script and WebAssembly come from the primary. */
const MERGED_FILE = /^(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|(index|fragment|filter)\/[^/]+)$/;

/** A new recent index of `changed`, and recent.json naming it with the base pages it supersedes. */
async function writeRecent(
  changed: Array<[string, StoredRecord]>,
  drop: Array<[string, string]>,
  bases: string[],
  outDir: string,
  run: { shouldStop: () => boolean; maxFragments: number },
) {
  const dir = path.join(outDir, SEARCH_DIR);
  let folder: string | null = null;
  const written: string[] = [];
  if (changed.length) {
    folder = `recent-${folderId(changed, drop)}`;
    const files = await withPagefind(run.shouldStop, async () => {
      const writer = new IndexWriter(run.maxFragments);
      for (const [slug, record] of changed) writer.add(slug, record);
      return (await writer.files()).filter((file) => MERGED_FILE.test(file.path));
    });
    if (!files) return null;
    const dropped = new Set(drop.map(([id, url]) => `${id} ${url}`));
    for (const file of files) {
      if (file.path.startsWith('fragment/'))
        for (const [id, url] of fragmentIds(file.path, file.content))
          if (dropped.has(`${id} ${url}`)) throw new Error(`The recent index reuses the id ${id} of the page it supersedes`);
      await writeFresh(path.join(dir, folder, file.path), file.content);
      written.push(path.join(SEARCH_DIR, folder, file.path));
    }
  }
  await writeFresh(path.join(dir, RECENT_MANIFEST), manifestJson({ bases, index: folder && `${folder}/`, drop }));
  written.push(path.join(SEARCH_DIR, RECENT_MANIFEST));
  return written.sort();
}

/**
 * Writes a whole new index of `records` into `<outDir>/pagefind/` (SearchBaseWriter, fed in slug order);
 * each record's `fields`, when given, go to Pagefind as they are. Resolves with null when stopped.
 */
export async function writeWholeIndex(
  records: Iterable<readonly [slug: string, record: StoredRecord, fields?: SearchRecord]>,
  outDir: string,
  options: SearchBaseOptions = {},
): Promise<SearchUpdate | null> {
  const writer = new SearchBaseWriter(outDir, options);
  for (const [slug, record, fields] of [...records].sort(bySlug)) {
    writer.add(slug, record, fields);
    await writer.room();
  }
  return writer.finish();
}

/**
 * Brings the index in `<outDir>/pagefind/` up to `records` (by slug), from the index `previous` describes
 * (null: none, the whole index is written). With a previous index, only the new or changed files are
 * written (`written`); the caller carries the others (`state.files` less `written`) from the previous
 * output, and leaves out `obsolete`. Resolves with null when `shouldStop` turned true on the way.
 */
export async function writeSearchUpdate(
  records: ReadonlyMap<string, StoredRecord>,
  outDir: string,
  previous: SearchIndexState | null,
  options: SearchUpdateOptions = {},
): Promise<SearchUpdate | null> {
  const { shouldStop = () => false, maxRecent = MAX_RECENT, shardSize = SHARD_SIZE } = options;
  const run = { shouldStop, shardSize, maxFragments: options.maxFragments ?? Math.ceil(shardSize / ARTICLES_PER_FRAGMENT_FILE) };
  const sorted = [...records].sort(bySlug);
  const writeAll = async (all: Array<[string, StoredRecord]>) => {
    const update = await writeWholeIndex(all, outDir, { shardSize, maxFragments: run.maxFragments, shouldStop });
    return update && { files: update.state.files, written: update.written, base: update.state.base, shards: update.state.shards };
  };
  const changed = previous ? sorted.filter(([slug, record]) => !previous.base.has(slug) || !record.equals(previous.base.get(slug)!.record)) : [];
  if (!previous || options.full || changed.length > maxRecent) {
    const full =
      previous && !options.full ? await writeBase(sorted, new Set(changed.map(([slug]) => slug)), previous, outDir, run) : await writeAll(sorted);
    if (!full) return null;
    const kept = new Set(full.files);
    const obsolete = (previous?.files ?? []).filter((file) => !kept.has(file));
    return { kind: 'full', written: full.written, obsolete, state: { base: full.base, shards: full.shards, recent: new Set(), files: full.files } };
  }
  const drop = [...previous.base].filter(([slug, { record }]) => {
    const current = records.get(slug);
    return !current || !current.equals(record);
  });
  const bases = previous.shards.slice(1).map(({ folder }) => folder);
  const superseded = drop.map(([, { record, id }]): [string, string] => [id, record.url]).sort(bySlug);
  const written = await writeRecent(changed, superseded, bases, outDir, run);
  if (!written) return null;
  const previousRecent = previous.files.filter((file) => /^pagefind\/recent-/.test(file));
  const baseFiles = previous.files.filter((file) => !/^pagefind\/recent-/.test(file) && file !== path.join(SEARCH_DIR, RECENT_MANIFEST));
  const files = [...baseFiles, ...written].sort();
  const current = new Set(files);
  return {
    kind: 'recent',
    written,
    obsolete: previousRecent.filter((file) => !current.has(file)),
    state: { base: previous.base, shards: previous.shards, recent: new Set(changed.map(([slug]) => slug)), files },
  };
}
