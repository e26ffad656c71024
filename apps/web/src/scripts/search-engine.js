// @ts-check
// The site's search index, as both sides read it: the build writes it (integrations/search-index.ts imports
// the word rules from here) and the search page queries it in the browser (this file is copied beside the
// index as /_search/engine.js, so a page always reads an index with the code that wrote it).
//
// One index (a folder: a shard of the base, or the recent index) is:
//   index.json     { format, docs, chunk, buckets: [key, …], files: [n, …] }: the bucket keys in code-unit
//                  order, and the file holding each
//   w/<n>.json     { [folded word]: [forms, postings] } for the words of a few buckets, in key order: a bucket
//                  holds the words whose first three letters (folded) are its key, a word of fewer letters
//                  is a bucket of its own; a query word loads one file per index, and finds there every word
//                  it begins
//   d/<n>.json     documents n·chunk … as [url, title, description, date]
// forms are the word's spellings as written (lower case: "bàn", "bán", "ban"), postings a flat list of
// [document − previous document, weight 1–255, which forms the document has (bit n: forms[n])], the third
// number left out when the word has one spelling.
// A weight is BM25's term part (k1 1.2, b 0.75) for the word's count in the document, a word of the title
// counting 3 times and one of the lead twice, scaled to 1–255.

/** Bumped when the files' shape or meaning changes: a folder's name depends on it (search-update.ts). */
export const FORMAT = 1;

/** Letters of a word's bucket key: "nguoi" is in bucket "ngu", "an" in bucket "an". */
export const KEY_LETTERS = 3;

/**
 * Letters of a word kept, at most: a longer one (words run together by a paste, a long URL) is indexed and
 * queried by its first MAX_WORD letters, so it is still found, at a bounded cost.
 */
export const MAX_WORD = 40;

/** A query's words at most: a longer query is cut. */
export const MAX_QUERY_WORDS = 10;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;

/**
 * The words of a text, lower case, as written (NFC): "Bảo vệ AN NINH, tổ-quốc" → bảo vệ an ninh tổ quốc.
 * Anything but a letter, a digit or a mark separates words; a word is cut after MAX_WORD letters.
 * @param {string} text
 * @returns {string[]}
 */
export function wordsOf(text) {
  const words = text.toLowerCase().normalize('NFC').match(WORD) ?? [];
  for (const [n, word] of words.entries()) if (word.length > MAX_WORD) words[n] = Array.from(word).slice(0, MAX_WORD).join('');
  return words;
}

/**
 * A word without its marks, as the index keys it: "người" → "nguoi", "đường" → "duong" (đ is a letter of its
 * own, not d with a mark). Typed with or without marks, a query word folds to the same key.
 * @param {string} word a word of wordsOf
 * @returns {string}
 */
export function fold(word) {
  return word.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd');
}

/**
 * The bucket of a folded word: its first KEY_LETTERS letters (code points).
 * @param {string} folded
 * @returns {string}
 */
export function keyOf(folded) {
  const letters = Array.from(folded);
  return letters.length <= KEY_LETTERS ? folded : letters.slice(0, KEY_LETTERS).join('');
}

/**
 * @typedef {{ format: number, docs: number, chunk: number, buckets: string[], files: number[] }} IndexEntry
 * @typedef {Record<string, [forms: string[], postings: number[]]>} Bucket
 * @typedef {[url: string, title: string, description: string, date: string]} Doc
 * @typedef {{ bases: string[], index: string | null, drop: [folder: string, doc: number][] }} Manifest
 * @typedef {{ url: string, title: string, description: string, date: string }} Result
 */

/**
 * Reads JSON at `url`; an answer other than 200, or one that is not JSON, is an error.
 * @param {string} url
 * @returns {Promise<unknown>}
 */
async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  /** @type {unknown} */
  const value = await response.json();
  return value;
}

/** A word found in a document for a query word weighs this much less when it only begins with the query word. */
const PREFIX_FACTOR = 0.4;
/** A document that spells the word as the query does (marks and all) weighs this much more. */
const SAME_FORM_FACTOR = 1.5;

/**
 * Runs `query` on the index under `base` (recent.json names the base's shards and the recent index, and the
 * base's documents the recent index supersedes): every query word must match, a word matching the words it
 * begins too ("ca" finds "cầu"), with or without marks; the most relevant first.
 * @param {string} query
 * @param {{ base?: string, limit?: number }} [options]
 * @returns {Promise<{ total: number, results: Result[] }>}
 */
export async function search(query, { base = '/_search/', limit = 30 } = {}) {
  const terms = [...new Set(wordsOf(query))].slice(0, MAX_QUERY_WORDS).map((form) => {
    const folded = fold(form);
    return { form, folded, key: keyOf(folded), exactOnly: Array.from(folded).length < KEY_LETTERS };
  });
  if (!terms.length) return { total: 0, results: [] };
  const manifest = /** @type {Manifest} */ (await getJson(`${base}recent.json`));
  const folders = [...manifest.bases, ...(manifest.index ? [manifest.index] : [])];
  const dropped = new Set(manifest.drop.map(([folder, doc]) => `${folder} ${doc}`));
  const indexes = await Promise.all(
    folders.map(async (folder) => {
      const entry = /** @type {IndexEntry} */ (await getJson(`${base}${folder}index.json`));
      if (entry.format !== FORMAT) throw new Error(`${base}${folder}: index format ${entry.format}, this page reads ${FORMAT}`);
      const fileOf = new Map(entry.buckets.map((key, n) => [key, entry.files[n]]));
      /** @type {Map<number, Promise<Bucket>>} */
      const loaded = new Map();
      const buckets = await Promise.all(
        [...new Set(terms.map(({ key }) => key))].map(async (key) => {
          const n = fileOf.get(key);
          if (n === undefined) return /** @type {const} */ ([key, /** @type {Bucket} */ ({})]);
          if (!loaded.has(n)) loaded.set(n, /** @type {Promise<Bucket>} */ (getJson(`${base}${folder}w/${n}.json`)));
          return /** @type {const} */ ([key, await /** @type {Promise<Bucket>} */ (loaded.get(n))]);
        }),
      );
      return { folder, entry, buckets: new Map(buckets) };
    }),
  );
  // Each query word's matches in each index: [word, forms, postings, prefix] for every word it is or begins.
  const matches = terms.map((term) =>
    indexes.map(({ buckets }) =>
      Object.entries(buckets.get(term.key) ?? {}).flatMap(([word, [forms, postings]]) =>
        word === term.folded || (!term.exactOnly && word.startsWith(term.folded)) ? [{ word, forms, postings, prefix: word !== term.folded }] : [],
      ),
    ),
  );
  const documents = indexes.reduce((total, { entry }) => total + entry.docs, 0);
  /** @type {Map<string, number>} */
  const frequency = new Map();
  for (const perIndex of matches)
    for (const words of perIndex)
      for (const { word, forms, postings } of words) frequency.set(word, (frequency.get(word) ?? 0) + postings.length / (forms.length > 1 ? 3 : 2));
  /** @param {string} word */
  const idf = (word) => {
    const count = frequency.get(word) ?? 0;
    return Math.log(1 + (documents - count + 0.5) / (count + 0.5));
  };
  /** @type {{ index: number, doc: number, score: number }[]} */
  const found = [];
  indexes.forEach(({ folder }, index) => {
    /** @type {Map<number, number> | null} */
    let scores = null;
    for (const [n, term] of terms.entries()) {
      /** @type {Map<number, number>} */
      const termScores = new Map();
      for (const { word, forms, postings, prefix } of matches[n][index]) {
        const same = forms.indexOf(term.form);
        const weight = idf(word) * (prefix ? PREFIX_FACTOR : 1);
        const stride = forms.length > 1 ? 3 : 2;
        let doc = 0;
        for (let at = 0; at < postings.length; at += stride) {
          doc += postings[at];
          if (scores && !scores.has(doc)) continue;
          const sameForm = !prefix && term.form !== term.folded && same >= 0 && (stride === 2 || (postings[at + 2] & (1 << same)) !== 0);
          const score = (weight * postings[at + 1] * (sameForm ? SAME_FORM_FACTOR : 1)) / 255;
          termScores.set(doc, Math.max(termScores.get(doc) ?? 0, score));
        }
      }
      if (scores) {
        const previous = scores;
        for (const [doc, score] of termScores) termScores.set(doc, score + (previous.get(doc) ?? 0));
      }
      scores = termScores;
      if (!scores.size) break;
    }
    for (const [doc, score] of scores ?? []) if (!dropped.has(`${folder} ${doc}`)) found.push({ index, doc, score });
  });
  found.sort((a, b) => b.score - a.score || a.index - b.index || a.doc - b.doc);
  /** @type {Map<string, Promise<Doc[]>>} */
  const chunks = new Map();
  const results = await Promise.all(
    found.slice(0, limit).map(async ({ index, doc }) => {
      const { folder, entry } = indexes[index];
      const url = `${base}${folder}d/${Math.floor(doc / entry.chunk)}.json`;
      let chunk = chunks.get(url);
      if (!chunk) chunks.set(url, (chunk = /** @type {Promise<Doc[]>} */ (getJson(url))));
      const row = (await chunk)[doc % entry.chunk];
      if (!row) throw new Error(`${url}: no document ${doc}`);
      const [page, title, description, date] = row;
      return { url: page, title, description, date };
    }),
  );
  return { total: found.length, results };
}
