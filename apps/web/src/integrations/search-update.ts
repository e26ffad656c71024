/**
 * The search index as several indexes the search page queries together (scripts/search-engine.js reads them,
 * search-index.ts writes one), so that a refresh costs what changed rather than the whole site:
 *
 *   _search/engine.js        the search page's code for this index (a copy of scripts/search-engine.js)
 *   _search/base-<id>/       the base, cut into shards of at most SHARD_SIZE articles, each an index of its own
 *   _search/recent-<id>/     the recent index: the articles added or changed since the base
 *   _search/recent.json      which shards and recent index to query, and the base's documents the recent index
 *                            supersedes (changed or gone articles), dropped from results
 *
 * A folder is named by the records it indexes (and the format and the writer's code), so a refresh writes a new recent folder,
 * recent.json and engine.js and nothing else; past a bound (MAX_RECENT) the base is written again, only the
 * shards holding a changed or removed article, or taking new ones (search-shards.ts); asked for a full write,
 * every shard. Indexes are built in this process while their records come (SearchBaseWriter: as a full build
 * renders its pages), a shard written out as soon as the next one starts, so memory holds one shard's words
 * whatever the size of the site. The files are written fresh (a new inode), never over a file that may be
 * hard-linked from a live release.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchRecord } from './search';
import { FORMAT, IndexBuilder } from './search-index';
import type { StoredRecord } from './search-record';
import { planShards, SHARD_SIZE } from './search-shards';

/** The folder of the index inside a build's output. */
export const SEARCH_DIR = '_search';
/** The file that tells the search page which indexes to query and which base documents to drop. */
export const RECENT_MANIFEST = 'recent.json';
/** The search page's code, beside the index it reads. */
export const ENGINE_FILE = 'engine.js';

/**
 * The recent index holds at most this many articles before the base is written again: the recent index
 * is written whole at every refresh (500 articles take some 0.2 s), and a reader's query loads it too.
 */
export const MAX_RECENT = 500;

/** scripts/search-engine.js, read once. */
let engine: string | null = null;
function engineSource(): string {
  engine ??= readFileSync(fileURLToPath(new URL('../scripts/search-engine.js', import.meta.url)), 'utf8');
  return engine;
}

/**
 * A digest of the code that writes an index's files (search-index.ts and the word rules of search-engine.js),
 * read once: part of every folder's name, so that a folder name never stands for two contents, whatever
 * changed in that code (FORMAT or not). Readers' browsers and CDNs keep those folders' files for a year
 * (static-server.ts cacheControl): a new name is the only way new files reach them.
 */
let writerStamp: string | null = null;
function indexWriterStamp(): string {
  writerStamp ??= createHash('sha256')
    .update(readFileSync(fileURLToPath(new URL('./search-index.ts', import.meta.url))))
    .update('\0')
    .update(engineSource())
    .digest('hex');
  return writerStamp;
}

/** What the search page reads from recent.json. */
export type RecentManifest = {
  /** The base's shards in order, each a folder under _search/ with a trailing slash. */
  bases: string[];
  /** The recent index's folder under _search/ (with a trailing slash), or null when there is none. */
  index: string | null;
  /** The base's documents that are no longer current, as [shard folder, document number in it]. */
  drop: Array<[folder: string, doc: number]>;
};

/** What a writer keeps of an index to update it later (in memory: the publisher's state of a release). */
export type SearchIndexState = {
  /** The base's articles: the record it was written from, its shard's folder and its number there, by slug. */
  base: ReadonlyMap<string, { record: StoredRecord; folder: string; doc: number }>;
  /** The base's shards in order: the folder under _search/ (`base-<id>/`) and the slugs of each. */
  shards: ReadonlyArray<{ folder: string; slugs: readonly string[] }>;
  /** The articles of the recent index, by slug (empty when it has none). */
  recent: ReadonlySet<string>;
  /** Every file of the index, relative to the output folder (_search/…). */
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
  /** Checked on the way: true stops the work, and the update resolves with null (the files are unusable). */
  shouldStop?: () => boolean;
};

export type SearchBaseOptions = Pick<SearchUpdateOptions, 'shardSize' | 'shouldStop'>;

const bySlug = ([a]: readonly [string, ...unknown[]], [b]: readonly [string, ...unknown[]]) => (a < b ? -1 : a > b ? 1 : 0);

/** Records indexed between two turns of the event loop: splitting 50 articles into words takes some 10 ms. */
const RECORDS_PER_TURN = 50;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes `content` as a new file (temporary name, then rename): a hard-linked file of another release stays as it was. */
async function writeFresh(file: string, content: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

/** One index being filled: its records, in order (document n is records[n]). */
class IndexWriter {
  readonly records: Array<[string, StoredRecord]> = [];
  private readonly builder = new IndexBuilder();

  /** Adds a record; `fields` is the record itself when the caller has it (else it is read from `record`). */
  add(slug: string, record: StoredRecord, fields: SearchRecord = record.record()): void {
    this.records.push([slug, record]);
    this.builder.add(fields);
  }

  /** Writes the index into `<outDir>/_search/<folder>`; resolves with the files written. */
  async write(outDir: string, folder: string): Promise<string[]> {
    const written: string[] = [];
    for (const file of this.builder.files()) {
      const name = path.join(SEARCH_DIR, folder, file.path);
      await writeFresh(path.join(outDir, name), file.content);
      written.push(name);
    }
    return written;
  }
}

/**
 * An IndexWriter filled with `entries` in their order, the event loop let through every RECORDS_PER_TURN;
 * null when `shouldStop` turned true on the way.
 */
async function filledWriter(entries: Iterable<readonly [string, StoredRecord]>, shouldStop: () => boolean): Promise<IndexWriter | null> {
  const writer = new IndexWriter();
  let count = 0;
  for (const [slug, record] of entries) {
    if (count++ % RECORDS_PER_TURN === 0) {
      await nextTurn();
      if (shouldStop()) return null;
    }
    writer.add(slug, record);
  }
  return writer;
}

function manifestJson(manifest: RecentManifest): string {
  return `${JSON.stringify(manifest)}\n`;
}

/**
 * A folder's name from the records it indexes, in order, the index format, the code that writes it and `extra`
 * (JSON): the same records give the same name, and a name always the same files. A record's JSON holds no raw
 * line break, so the line breaks between the parts keep them apart.
 */
function folderId(records: ReadonlyArray<readonly [string, StoredRecord]>, extra: unknown = null): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\nwriter ${indexWriterStamp()}\n`);
  for (const [slug, record] of records) {
    hash.update(`${JSON.stringify(slug)}\n`);
    record.hashInto(hash);
    hash.update('\n');
  }
  return hash.update(JSON.stringify(extra)).digest('hex').slice(0, 12);
}

/** The files of the base's shard in `folder`, among an index's files. */
function shardFiles(files: readonly string[], folder: string): string[] {
  const prefix = `${SEARCH_DIR}/${folder}`;
  return files.filter((file) => file.startsWith(prefix));
}

/** A base shard's folder, named by its records. */
const shardFolder = (shard: ReadonlyArray<readonly [string, StoredRecord]>) => `base-${folderId(shard)}/`;

/** Writes recent.json (naming `bases`, `index` and `drop`) and engine.js: the last files of every write. */
async function writeManifest(outDir: string, manifest: RecentManifest): Promise<string[]> {
  const files = [path.join(SEARCH_DIR, RECENT_MANIFEST), path.join(SEARCH_DIR, ENGINE_FILE)];
  await writeFresh(path.join(outDir, files[1]), engineSource());
  await writeFresh(path.join(outDir, files[0]), manifestJson(manifest));
  return files;
}

/**
 * A whole new base written while its records come, in slug order (a full build renders its articles in
 * that order): each shard is indexed as its records arrive and written out once the next shard starts. The
 * shards are those planShards cuts with no previous base: the same records give the same files as any other
 * full write. `finish` resolves with the update (null when `shouldStop` turned true); `abort` drops the work
 * (a failed build).
 */
export class SearchBaseWriter {
  private readonly shouldStop: () => boolean;
  private readonly shardSize: number;
  private current: IndexWriter | null = null;
  private readonly shards: Array<{ folder: string; slugs: string[] }> = [];
  private readonly base = new Map<string, { record: StoredRecord; folder: string; doc: number }>();
  private readonly written: string[] = [];
  /** The shards written out so far, one after another; false once stopped, rejected on the first error. */
  private done: Promise<boolean>;
  private last: string | null = null;
  private stopped = false;

  constructor(
    private readonly outDir: string,
    options: SearchBaseOptions = {},
  ) {
    this.shardSize = options.shardSize ?? SHARD_SIZE;
    if (!Number.isInteger(this.shardSize) || this.shardSize < 1)
      throw new RangeError(`shardSize must be a whole number above 0 (got ${this.shardSize})`);
    this.shouldStop = options.shouldStop ?? (() => false);
    this.done = rm(path.join(outDir, SEARCH_DIR), { recursive: true, force: true }).then(() => true);
    this.done.catch(() => undefined);
  }

  /**
   * Adds an article's record; slugs must come in increasing order (as bySlug sorts them). `fields` is the
   * record itself when the caller has it (else it is read from `record`).
   */
  add(slug: string, record: StoredRecord, fields?: SearchRecord): void {
    if (this.stopped) return;
    if (this.last !== null && !(this.last < slug)) throw new Error(`Search records must come in slug order: ${slug} after ${this.last}`);
    this.last = slug;
    if (this.current && this.current.records.length >= this.shardSize) this.close();
    this.current ??= new IndexWriter();
    this.current.add(slug, record, fields);
  }

  /** The shard being filled is complete: it is written out after the ones before it. */
  private close(): void {
    const writer = this.current;
    if (!writer) return;
    this.current = null;
    const folder = shardFolder(writer.records);
    this.shards.push({ folder, slugs: writer.records.map(([slug]) => slug) });
    writer.records.forEach(([slug, record], doc) => this.base.set(slug, { record, folder, doc }));
    const previous = this.done;
    this.done = (async () => {
      if (!(await previous) || this.stopped || this.shouldStop()) return false;
      this.written.push(...(await writer.write(this.outDir, folder)));
      return true;
    })();
    this.done.catch(() => undefined);
  }

  /** Writes the last shard, recent.json and engine.js; resolves with the new index, or null when stopped. */
  async finish(): Promise<SearchUpdate | null> {
    if (this.stopped || this.shouldStop()) {
      this.stopped = true;
      await this.done.catch(() => undefined);
      return null;
    }
    this.close();
    const complete = await this.done;
    this.stopped = true;
    if (!complete || this.shouldStop()) return null;
    const manifest = await writeManifest(this.outDir, { bases: this.shards.map(({ folder }) => folder), index: null, drop: [] });
    const written = [...this.written, ...manifest].sort();
    return { kind: 'full', written, obsolete: [], state: { base: this.base, shards: this.shards, recent: new Set(), files: written } };
  }

  /** Drops the work: nothing more is written, the files written so far are left to the caller's folder. */
  async abort(): Promise<void> {
    this.stopped = true;
    this.current = null;
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
  run: { shouldStop: () => boolean; shardSize: number },
) {
  const records = new Map(sorted);
  const plan = planShards(
    sorted.map(([slug]) => slug),
    previous.shards.map(({ slugs }) => slugs),
    changed,
    run.shardSize,
  );
  const base = new Map<string, { record: StoredRecord; folder: string; doc: number }>();
  const shards: Array<{ folder: string; slugs: string[] }> = [];
  const files: string[] = [];
  const written: string[] = [];
  for (const [n, slugs] of plan.shards.entries()) {
    const from = plan.from[n];
    if (!plan.touched[n] && from !== null) {
      const { folder } = previous.shards[from];
      for (const slug of slugs) base.set(slug, previous.base.get(slug)!);
      shards.push({ folder, slugs });
      files.push(...shardFiles(previous.files, folder));
      continue;
    }
    const writer = await filledWriter(
      slugs.map((slug) => [slug, records.get(slug)!] as const),
      run.shouldStop,
    );
    if (!writer) return null;
    const folder = shardFolder(writer.records);
    writer.records.forEach(([slug, record], doc) => base.set(slug, { record, folder, doc }));
    const shardWritten = await writer.write(outDir, folder);
    shards.push({ folder, slugs });
    files.push(...shardWritten);
    written.push(...shardWritten);
  }
  if (run.shouldStop()) return null;
  const manifest = await writeManifest(outDir, { bases: shards.map(({ folder }) => folder), index: null, drop: [] });
  files.push(...manifest);
  written.push(...manifest);
  return { files: files.sort(), written: written.sort(), base, shards };
}

/** A new recent index of `changed`, and recent.json naming it with the base documents it supersedes. */
async function writeRecent(
  changed: Array<[string, StoredRecord]>,
  drop: Array<[string, number]>,
  bases: string[],
  outDir: string,
  shouldStop: () => boolean,
) {
  let folder: string | null = null;
  const written: string[] = [];
  if (changed.length) {
    folder = `recent-${folderId(changed, drop)}/`;
    const writer = await filledWriter(changed, shouldStop);
    if (!writer) return null;
    written.push(...(await writer.write(outDir, folder)));
  }
  if (shouldStop()) return null;
  written.push(...(await writeManifest(outDir, { bases, index: folder, drop })));
  return written.sort();
}

/**
 * Writes a whole new index of `records` into `<outDir>/_search/` (SearchBaseWriter, fed in slug order);
 * each record's `fields`, when given, are indexed as they are. Resolves with null when stopped.
 */
export async function writeWholeIndex(
  records: Iterable<readonly [slug: string, record: StoredRecord, fields?: SearchRecord]>,
  outDir: string,
  options: SearchBaseOptions = {},
): Promise<SearchUpdate | null> {
  const writer = new SearchBaseWriter(outDir, options);
  for (const [count, [slug, record, fields]] of [...records].sort(bySlug).entries()) {
    if (count % RECORDS_PER_TURN === 0) await nextTurn();
    writer.add(slug, record, fields);
  }
  return writer.finish();
}

/** Files that every write writes again: the manifest and the search page's code. */
const isTopFile = (file: string) => file === path.join(SEARCH_DIR, RECENT_MANIFEST) || file === path.join(SEARCH_DIR, ENGINE_FILE);

/**
 * Brings the index in `<outDir>/_search/` up to `records` (by slug), from the index `previous` describes
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
  const sorted = [...records].sort(bySlug);
  const changed = previous ? sorted.filter(([slug, record]) => !previous.base.has(slug) || !record.equals(previous.base.get(slug)!.record)) : [];
  if (!previous || options.full || changed.length > maxRecent) {
    let full;
    if (previous && !options.full)
      full = await writeBase(sorted, new Set(changed.map(([slug]) => slug)), previous, outDir, { shouldStop, shardSize });
    else {
      const update = await writeWholeIndex(sorted, outDir, { shardSize, shouldStop });
      full = update && { files: update.state.files, written: update.written, base: update.state.base, shards: update.state.shards };
    }
    if (!full) return null;
    const kept = new Set(full.files);
    const obsolete = (previous?.files ?? []).filter((file) => !kept.has(file));
    return { kind: 'full', written: full.written, obsolete, state: { base: full.base, shards: full.shards, recent: new Set(), files: full.files } };
  }
  const superseded = [...previous.base]
    .filter(([slug, { record }]) => {
      const current = records.get(slug);
      return !current || !current.equals(record);
    })
    .map(([, { folder, doc }]): [string, number] => [folder, doc])
    .sort(([a, m], [b, n]) => (a < b ? -1 : a > b ? 1 : m - n));
  const bases = previous.shards.map(({ folder }) => folder);
  const written = await writeRecent(changed, superseded, bases, outDir, shouldStop);
  if (!written) return null;
  const previousRecent = previous.files.filter((file) => file.startsWith(`${SEARCH_DIR}/recent-`));
  const baseFiles = previous.files.filter((file) => !file.startsWith(`${SEARCH_DIR}/recent-`) && !isTopFile(file));
  const files = [...baseFiles, ...written].sort();
  const current = new Set(files);
  return {
    kind: 'recent',
    written,
    obsolete: previousRecent.filter((file) => !current.has(file)),
    state: { base: previous.base, shards: previous.shards, recent: new Set(changed.map(([slug]) => slug)), files },
  };
}
