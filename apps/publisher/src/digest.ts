import { hash } from 'node:crypto';

/** Digests of the objects worth remembering: those with MEMO_WEIGHT objects or more inside. */
const memo = new WeakMap<object, string>();

/**
 * Objects inside an object (itself included) from which its digest is remembered. A portal's content is
 * millions of small objects (a paragraph and its text node, an image's formats): remembering each would
 * cost more memory than the content (about 80 bytes apiece), and recomputing one costs next to nothing once
 * its article is remembered.
 */
const MEMO_WEIGHT = 16;

/**
 * A content hash of a JSON-like value. Objects with MEMO_WEIGHT objects or more inside are hashed once each
 * (by identity): content records are never changed in place, so the records a build did not refetch cost
 * nothing to compare again. Each object's text (its members' digests) is hashed in one call: a hash object
 * fed piece by piece costs twice as much for values this small.
 */
export function digest(value: unknown): string {
  return weighed(value)[0];
}

function weighed(value: unknown): [digest: string, weight: number] {
  if (value === null || typeof value !== 'object') return [JSON.stringify(value) ?? 'undefined', 0];
  const known = memo.get(value);
  if (known) return [known, MEMO_WEIGHT];
  let text: string;
  let weight = 1;
  if (Array.isArray(value)) {
    text = '[';
    for (const item of value) {
      const [part, inside] = weighed(item);
      text += `${part},`;
      weight += inside;
    }
  } else {
    text = '{';
    for (const [key, item] of Object.entries(value)) {
      const [part, inside] = weighed(item);
      text += `${JSON.stringify(key)}:${part},`;
      weight += inside;
    }
  }
  const result = hash('sha1', text, 'base64');
  if (weight >= MEMO_WEIGHT) memo.set(value, result);
  return [result, weight];
}
