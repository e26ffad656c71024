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
 * asked for a full write, every shard. Pagefind runs once per shard, one after another, so its memory is
 * bounded by one shard whatever the size of the site. The files are written fresh (a new inode), never over a
 * file that may be hard-linked from a live release.
 */
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { SearchRecord } from './search';
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
  base: ReadonlyMap<string, { record: SearchRecord; id: string }>;
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

const bySlug = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : a > b ? 1 : 0);

function sameRecord(a: SearchRecord, b: SearchRecord): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

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

/** Runs Pagefind over `records` (in slug order, so the same records always give the same files). */
async function pagefindIndex<T>(
  records: Array<[string, SearchRecord]>,
  { shouldStop, maxFragments }: { shouldStop: () => boolean; maxFragments: number },
  finish: (index: pagefind.PagefindIndex) => Promise<T>,
): Promise<T | null> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'vi', maxFragments });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  let stopped = false;
  // Writing the files takes seconds on a large site: stopping Pagefind is the only way to cut it short.
  const watcher = setInterval(() => {
    if (!stopped && shouldStop()) {
      stopped = true;
      void pagefind.close();
    }
  }, 100);
  try {
    for (const [, record] of records) {
      if (stopped || shouldStop()) return null;
      const added = await index.addCustomRecord(record);
      if (added.errors.length) throw new Error(`Pagefind refused the record of ${record.url}: ${added.errors.join('; ')}`);
    }
    const result = await finish(index);
    return stopped ? null : result;
  } catch (error) {
    if (stopped) return null;
    throw error;
  } finally {
    clearInterval(watcher);
    await pagefind.close();
  }
}

function manifestJson(manifest: RecentManifest): string {
  return `${JSON.stringify(manifest)}\n`;
}

const folderId = (content: unknown) => createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12);

/** The files of the base's shard in `folder` ('' : the primary bundle), among an index's files. */
function shardFiles(files: readonly string[], folder: string): string[] {
  const prefix = `${SEARCH_DIR}/${folder}`;
  return files.filter((file) =>
    folder ? file.startsWith(prefix) : file.startsWith(prefix) && !/^pagefind\/(base-|recent-|recent\.json$)/.test(file),
  );
}

/**
 * Writes one shard's index: the primary bundle (folder '') whole, another shard as the files `mergeIndex`
 * reads. Resolves with the files written and each article's Pagefind id, or null when stopped.
 */
async function writeShard(
  shard: Array<[string, SearchRecord]>,
  folder: string,
  outDir: string,
  run: { shouldStop: () => boolean; maxFragments: number },
) {
  const files = await pagefindIndex(shard, run, async (index) => {
    const { files, errors } = await index.getFiles();
    if (errors.length) throw new Error(`Pagefind could not build the index: ${errors.join('; ')}`);
    return folder ? files.filter((file) => MERGED_FILE.test(file.path)) : files;
  });
  if (!files) return null;
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

/**
 * A new base for `sorted` (slug order), no recent index: every shard when there is no previous base, else
 * the shards planShards touches, the others carried as they were.
 */
async function writeBase(
  sorted: Array<[string, SearchRecord]>,
  changed: ReadonlySet<string>,
  previous: SearchIndexState | null,
  outDir: string,
  run: { shouldStop: () => boolean; maxFragments: number; shardSize: number },
) {
  if (!previous) await rm(path.join(outDir, SEARCH_DIR), { recursive: true, force: true });
  const records = new Map(sorted);
  const plan = planShards(
    sorted.map(([slug]) => slug),
    previous && previous.shards.map(({ slugs }) => slugs),
    changed,
    run.shardSize,
  );
  const base = new Map<string, { record: SearchRecord; id: string }>();
  const shards: Array<{ folder: string; slugs: string[] }> = [];
  const files: string[] = [];
  const written: string[] = [];
  for (const [n, slugs] of plan.shards.entries()) {
    const from = plan.from[n];
    if (!plan.touched[n] && previous && from !== null) {
      const { folder } = previous.shards[from];
      for (const slug of slugs) base.set(slug, previous.base.get(slug)!);
      shards.push({ folder, slugs });
      files.push(...shardFiles(previous.files, folder));
      continue;
    }
    const shard = slugs.map((slug): [string, SearchRecord] => [slug, records.get(slug)!]);
    const folder = n === 0 ? '' : `base-${folderId(shard)}/`;
    const result = await writeShard(shard, folder, outDir, run);
    if (!result) return null;
    for (const [slug, id] of result.ids) base.set(slug, { record: records.get(slug)!, id });
    shards.push({ folder, slugs });
    files.push(...result.written);
    written.push(...result.written);
  }
  const manifest = path.join(SEARCH_DIR, RECENT_MANIFEST);
  await writeFresh(path.join(outDir, manifest), manifestJson({ bases: shards.slice(1).map(({ folder }) => folder), index: null, drop: [] }));
  files.push(manifest);
  written.push(manifest);
  return { files: files.sort(), written: written.sort(), base, shards };
}

/** A Pagefind file a merged index (a shard, the recent index) needs: the script and WebAssembly come from the primary. */
const MERGED_FILE = /^(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|(index|fragment|filter)\/[^/]+)$/;

/** A new recent index of `changed`, and recent.json naming it with the base pages it supersedes. */
async function writeRecent(
  changed: Array<[string, SearchRecord]>,
  drop: Array<[string, string]>,
  bases: string[],
  outDir: string,
  run: { shouldStop: () => boolean; maxFragments: number },
) {
  const dir = path.join(outDir, SEARCH_DIR);
  let folder: string | null = null;
  const written: string[] = [];
  if (changed.length) {
    folder = `recent-${folderId([changed, drop])}`;
    const files = await pagefindIndex(changed, run, async (index) => {
      const { files, errors } = await index.getFiles();
      if (errors.length) throw new Error(`Pagefind could not build the recent index: ${errors.join('; ')}`);
      return files.filter((file) => MERGED_FILE.test(file.path));
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
 * Brings the index in `<outDir>/pagefind/` up to `records` (by slug), from the index `previous` describes
 * (null: none, the whole index is written). With a previous index, only the new or changed files are
 * written (`written`); the caller carries the others (`state.files` less `written`) from the previous
 * output, and leaves out `obsolete`. Resolves with null when `shouldStop` turned true on the way.
 */
export async function writeSearchUpdate(
  records: ReadonlyMap<string, SearchRecord>,
  outDir: string,
  previous: SearchIndexState | null,
  options: SearchUpdateOptions = {},
): Promise<SearchUpdate | null> {
  const { shouldStop = () => false, maxRecent = MAX_RECENT, shardSize = SHARD_SIZE } = options;
  const run = { shouldStop, shardSize, maxFragments: options.maxFragments ?? Math.ceil(shardSize / ARTICLES_PER_FRAGMENT_FILE) };
  const sorted = [...records].sort(bySlug);
  const changed = previous ? sorted.filter(([slug, record]) => !previous.base.has(slug) || !sameRecord(previous.base.get(slug)!.record, record)) : [];
  if (!previous || options.full || changed.length > maxRecent) {
    const from = options.full ? null : previous;
    const full = await writeBase(sorted, new Set(changed.map(([slug]) => slug)), from, outDir, run);
    if (!full) return null;
    const kept = new Set(full.files);
    const obsolete = (previous?.files ?? []).filter((file) => !kept.has(file));
    return { kind: 'full', written: full.written, obsolete, state: { base: full.base, shards: full.shards, recent: new Set(), files: full.files } };
  }
  const drop = [...previous.base].filter(([slug, { record }]) => {
    const current = records.get(slug);
    return !current || !sameRecord(current, record);
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
