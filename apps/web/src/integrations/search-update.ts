/**
 * The search index as two Pagefind indexes, so that a refresh costs what changed rather than the whole site:
 *
 *   pagefind/                 the base: every article when it was last written in full (Pagefind's own bundle,
 *                             pagefind.js and its WebAssembly included)
 *   pagefind/recent-<id>/     the recent index: the articles added or changed since (entry, meta, index and
 *                             fragment files only: the browser merges it into the base with `mergeIndex`)
 *   pagefind/recent.json      which recent index to merge, and the Pagefind ids of the base's pages it
 *                             supersedes (changed or gone articles), which the search page drops from results
 *
 * Pagefind names its index and fragment files by their content, so a refresh writes a new recent folder and
 * recent.json and nothing else; the base is rewritten (a "full" write) when the recent index grows past a
 * bound, or when asked. The files are written fresh (a new inode), never over a file that may be hard-linked
 * from a live release.
 */
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { SearchRecord } from './search';

/** The folder of the index inside a build's output. */
export const SEARCH_DIR = 'pagefind';
/** The file that tells the search page which recent index to merge and which base pages to drop. */
export const RECENT_MANIFEST = 'recent.json';

/**
 * At most this many fragment files (Pagefind bundles the rest into shared files): 10,000 articles make
 * 2,000 small files rather than 10,000, which every release would have to link again.
 */
const MAX_FRAGMENTS = 2000;

/**
 * The recent index holds at most this many articles before the base is written again: Pagefind writes
 * 500 articles in about a second, and a reader's query loads one more index whatever its size.
 */
export const MAX_RECENT = 500;

/** What the search page reads from recent.json. */
export type RecentManifest = {
  /** The recent index's folder under pagefind/ (with a trailing slash), or null when there is none. */
  index: string | null;
  /** Pagefind ids of the base's pages that are no longer current. */
  drop: string[];
};

/** What a writer keeps of an index to update it later (in memory: the publisher's state of a release). */
export type SearchIndexState = {
  /** The base's articles: the record it was written from and its Pagefind page id, by slug. */
  base: ReadonlyMap<string, { record: SearchRecord; id: string }>;
  /** The articles of the recent index, by slug (empty when it has none). */
  recent: ReadonlySet<string>;
  /** Every file of the index, relative to the output folder (pagefind/…). */
  files: readonly string[];
};

export type SearchUpdate = {
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
  /** Pagefind's bound on fragment files (MAX_FRAGMENTS), past which it bundles fragments. */
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

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
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

/** The whole index: a new base of every record, no recent index. */
async function writeFull(records: Array<[string, SearchRecord]>, outDir: string, run: { shouldStop: () => boolean; maxFragments: number }) {
  const dir = path.join(outDir, SEARCH_DIR);
  await rm(dir, { recursive: true, force: true });
  const written = await pagefindIndex(records, run, async (index) => {
    const { errors } = await index.writeFiles({ outputPath: dir });
    if (errors.length) throw new Error(`Pagefind could not write the index: ${errors.join('; ')}`);
    await writeFresh(path.join(dir, RECENT_MANIFEST), manifestJson({ index: null, drop: [] }));
    return filesUnder(dir);
  });
  if (!written) return null;
  const slugOf = new Map(records.map(([slug, record]) => [record.url, slug]));
  const recordOf = new Map(records);
  const base = new Map<string, { record: SearchRecord; id: string }>();
  for (const file of written.filter((name) => name.startsWith('fragment/')))
    for (const [id, url] of fragmentIds(file, await readFile(path.join(dir, file)))) {
      const slug = slugOf.get(url);
      if (slug !== undefined) base.set(slug, { record: recordOf.get(slug)!, id });
    }
  if (base.size !== records.length) throw new Error(`Pagefind's index names ${base.size} of ${records.length} articles`);
  const files = written.map((name) => path.join(SEARCH_DIR, name)).sort();
  return { files, base };
}

/** A Pagefind file the merged recent index needs (the script and WebAssembly come from the base). */
const RECENT_FILE = /^(pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|(index|fragment|filter)\/[^/]+)$/;

/** A new recent index of `changed`, and recent.json naming it with the base pages it supersedes. */
async function writeRecent(
  changed: Array<[string, SearchRecord]>,
  drop: string[],
  outDir: string,
  run: { shouldStop: () => boolean; maxFragments: number },
) {
  const dir = path.join(outDir, SEARCH_DIR);
  let folder: string | null = null;
  const written: string[] = [];
  if (changed.length) {
    folder = `recent-${createHash('sha256')
      .update(JSON.stringify([changed, drop]))
      .digest('hex')
      .slice(0, 12)}`;
    const files = await pagefindIndex(changed, run, async (index) => {
      const { files, errors } = await index.getFiles();
      if (errors.length) throw new Error(`Pagefind could not build the recent index: ${errors.join('; ')}`);
      return files.filter((file) => RECENT_FILE.test(file.path));
    });
    if (!files) return null;
    const dropped = new Set(drop);
    for (const file of files) {
      if (file.path.startsWith('fragment/'))
        for (const [id] of fragmentIds(file.path, file.content))
          if (dropped.has(id)) throw new Error(`The recent index reuses the id ${id} of a page it supersedes`);
      await writeFresh(path.join(dir, folder, file.path), file.content);
      written.push(path.join(SEARCH_DIR, folder, file.path));
    }
  }
  await writeFresh(path.join(dir, RECENT_MANIFEST), manifestJson({ index: folder && `${folder}/`, drop }));
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
  const { shouldStop = () => false, maxRecent = MAX_RECENT, maxFragments = MAX_FRAGMENTS } = options;
  const run = { shouldStop, maxFragments };
  const sorted = [...records].sort(bySlug);
  const changed = previous ? sorted.filter(([slug, record]) => !previous.base.has(slug) || !sameRecord(previous.base.get(slug)!.record, record)) : [];
  if (!previous || options.full || changed.length > maxRecent) {
    const full = await writeFull(sorted, outDir, run);
    if (!full) return null;
    const kept = new Set(full.files);
    const obsolete = (previous?.files ?? []).filter((file) => !kept.has(file));
    return { kind: 'full', written: full.files, obsolete, state: { base: full.base, recent: new Set(), files: full.files } };
  }
  const drop = [...previous.base].filter(([slug, { record }]) => {
    const current = records.get(slug);
    return !current || !sameRecord(current, record);
  });
  const written = await writeRecent(changed, drop.map(([, { id }]) => id).sort(), outDir, run);
  if (!written) return null;
  const previousRecent = previous.files.filter((file) => /^pagefind\/recent-/.test(file));
  const baseFiles = previous.files.filter((file) => !/^pagefind\/recent-/.test(file) && file !== path.join(SEARCH_DIR, RECENT_MANIFEST));
  const files = [...baseFiles, ...written].sort();
  const current = new Set(files);
  return {
    kind: 'recent',
    written,
    obsolete: previousRecent.filter((file) => !current.has(file)),
    state: { base: previous.base, recent: new Set(changed.map(([slug]) => slug)), files },
  };
}
