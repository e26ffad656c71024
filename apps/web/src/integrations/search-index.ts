/**
 * Writes one search index (a shard of the base, or the recent index) in the site's own format, which the
 * search page reads with scripts/search-engine.js (the format is described there). An index costs what its
 * records' text costs to split into words: some 0.1 ms per article, in this process.
 */
import type { SearchRecord } from './search';
import { fold, FORMAT, keyOf, wordsOf } from '../scripts/search-engine.js';

export { FORMAT };

/** Documents per d/<n>.json file: a page of results loads a few of them. */
export const DOCS_PER_FILE = 50;

/** Bucket files' size, about (a query word loads one from each index). */
const BUCKET_FILE_BYTES = 32_000;
/** How many times a word of the title counts, and one of the lead (the content holds both once more). */
const TITLE_WEIGHT = 3;
const LEAD_WEIGHT = 2;
/** BM25's constants. */
const K1 = 1.2;
const B = 0.75;
/** Spellings of a word whose use each document records (the bits of a posting's third number). */
const MAX_FORMS = 31;

export type IndexFile = { path: string; content: string };

type Word = { forms: string[]; docs: number[]; counts: number[]; masks: number[] };

/** An index being filled with records, document numbers in the order they are added. */
export class IndexBuilder {
  private readonly words = new Map<string, Word>();
  /** Each spelling met: its folded word and its bit in the word's forms (0 past MAX_FORMS). */
  private readonly spellings = new Map<string, { word: Word; bit: number }>();
  private readonly docs: Array<[string, string, string, string]> = [];
  private readonly lengths: number[] = [];

  get size(): number {
    return this.docs.length;
  }

  /** Adds a record as the next document; returns its number in the index. */
  add(record: SearchRecord): number {
    const doc = this.docs.length;
    this.docs.push([record.url, record.meta.title, record.meta.description, record.meta.date]);
    let length = 0;
    // One lookup per word met: a word's last posting is this document's once it was met in it.
    const count = (text: string, weight: number) => {
      for (const form of wordsOf(text)) {
        const { word, bit } = this.spellings.get(form) ?? this.spelling(form);
        const last = word.docs.length - 1;
        if (last >= 0 && word.docs[last] === doc) {
          word.counts[last] += weight;
          word.masks[last] |= bit;
        } else {
          word.docs.push(doc);
          word.counts.push(weight);
          word.masks.push(bit);
        }
        length += weight;
      }
    };
    count(record.meta.title, TITLE_WEIGHT);
    count(record.meta.description, LEAD_WEIGHT);
    count(record.content, 1);
    this.lengths.push(length);
    return doc;
  }

  /** A spelling met for the first time: its word (folded), and its place among the word's forms. */
  private spelling(form: string): { word: Word; bit: number } {
    const folded = fold(form);
    let word = this.words.get(folded);
    if (!word) this.words.set(folded, (word = { forms: [], docs: [], counts: [], masks: [] }));
    const n = word.forms.length < MAX_FORMS ? word.forms.push(form) - 1 : -1;
    const spelling = { word, bit: n < 0 ? 0 : 1 << n };
    this.spellings.set(form, spelling);
    return spelling;
  }

  /** The index's files, paths relative to its folder. */
  files(): IndexFile[] {
    const average = this.lengths.reduce((total, length) => total + length, 0) / Math.max(1, this.lengths.length);
    const buckets = new Map<string, string[]>();
    for (const folded of this.words.keys()) {
      const key = keyOf(folded);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(folded);
      else buckets.set(key, [folded]);
    }
    const keys = [...buckets.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const files: IndexFile[] = [];
    // Buckets are grouped, in key order, into files of some BUCKET_FILE_BYTES: a rare word's bucket is a few
    // bytes, and a file for each would make thousands.
    const fileOf: number[] = [];
    let group: string[] = [];
    let bytes = 0;
    const flush = () => {
      if (!group.length) return;
      files.push({ path: `w/${files.length}.json`, content: `{${group.join(',')}}` });
      group = [];
      bytes = 0;
    };
    for (const key of keys) {
      for (const folded of buckets.get(key)!.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
        const { forms, docs, counts, masks } = this.words.get(folded)!;
        const postings: number[] = [];
        docs.forEach((doc, i) => {
          const norm = K1 * (1 - B + (B * this.lengths[doc]) / average);
          const part = (counts[i] * (K1 + 1)) / (counts[i] + norm);
          postings.push(doc - (i ? docs[i - 1] : 0), Math.max(1, Math.min(255, Math.round((part / (K1 + 1)) * 255))));
          if (forms.length > 1) postings.push(masks[i]);
        });
        const entry = `${JSON.stringify(folded)}:${JSON.stringify([forms, postings])}`;
        group.push(entry);
        bytes += entry.length;
      }
      fileOf.push(files.length);
      if (bytes >= BUCKET_FILE_BYTES) flush();
    }
    flush();
    files.unshift({
      path: 'index.json',
      content: JSON.stringify({ format: FORMAT, docs: this.docs.length, chunk: DOCS_PER_FILE, buckets: keys, files: fileOf }),
    });
    for (let n = 0; n * DOCS_PER_FILE < this.docs.length; n++)
      files.push({ path: `d/${n}.json`, content: JSON.stringify(this.docs.slice(n * DOCS_PER_FILE, (n + 1) * DOCS_PER_FILE)) });
    return files;
  }
}
