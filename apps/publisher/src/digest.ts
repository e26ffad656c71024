import { createHash } from 'node:crypto';

const memo = new WeakMap<object, string>();

/**
 * A content hash of a JSON-like value. Objects are hashed once each (by identity): content records are
 * never changed in place, so the records a build did not refetch cost nothing to compare again.
 */
export function digest(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const known = memo.get(value);
  if (known) return known;
  const hash = createHash('sha1');
  if (Array.isArray(value)) {
    hash.update('[');
    for (const item of value) hash.update(digest(item)).update(',');
  } else {
    hash.update('{');
    for (const [key, item] of Object.entries(value)) hash.update(JSON.stringify(key)).update(':').update(digest(item)).update(',');
  }
  const result = hash.digest('base64');
  memo.set(value, result);
  return result;
}
