import type { Hash } from 'node:crypto';
import type { SearchRecord } from './search';

/**
 * An article's search record as it is kept between builds: its JSON in UTF-8, in a block of memory of its
 * own outside the JavaScript heap. The publisher keeps one per article for the next refresh of the index
 * (100,000 on a large portal): as an object of strings, a record of 2,500 Vietnamese characters takes about
 * 6 kB (V8 stores such text at two bytes per character); kept so, about 4 kB, which the collector no longer
 * walks. The record itself (`record()`) is read again only when a shard or the recent index that holds
 * it is written.
 */
export class StoredRecord {
  private constructor(
    /** The page's URL, as the record has it. */
    readonly url: string,
    private readonly json: Buffer,
  ) {}

  static of(record: SearchRecord): StoredRecord {
    const text = JSON.stringify(record);
    // A block of its own: Buffer.from would cut small records from a shared 8 kB pool, which any one of them
    // kept alive would hold whole.
    const json = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    json.write(text);
    return new StoredRecord(record.url, json);
  }

  /** The record, as the index takes it. */
  record(): SearchRecord {
    return JSON.parse(this.json.toString('utf8')) as SearchRecord;
  }

  /** The same record: its fields, in the same order, hold the same values (articleRecord always writes them in one order). */
  equals(other: StoredRecord | null | undefined): boolean {
    return this === other || (other != null && this.json.equals(other.json));
  }

  /** Feeds the record to `hash` (the names of the index's folders come from their records). */
  hashInto(hash: Hash): void {
    hash.update(this.json);
  }
}
