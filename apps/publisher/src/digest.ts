import { hash } from 'node:crypto';

const memo = new WeakMap<object, string>();

/**
 * A content hash of a JSON-like value. Objects are hashed once each (by identity): content records are
 * never changed in place, so the records a build did not refetch cost nothing to compare again. Each
 * object's text (its members' digests) is hashed in one call: a hash object fed piece by piece costs twice
 * as much for values this small.
 */
export function digest(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const known = memo.get(value);
  if (known) return known;
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (const item of value) text += `${digest(item)},`;
  } else {
    text = '{';
    for (const [key, item] of Object.entries(value)) text += `${JSON.stringify(key)}:${digest(item)},`;
  }
  const result = hash('sha1', text, 'base64');
  memo.set(value, result);
  return result;
}
