import { createHash, timingSafeEqual } from 'node:crypto';

import contract from 'cms/publish-webhook' with { type: 'json' };

/** The header Strapi's webhook sends the shared secret in: the CMS registers the webhook from the same contract. */
export const SECRET_HEADER = contract.secretHeader;
/** Where the CMS sends its webhook. */
export const WEBHOOK_PATH = contract.path;

/**
 * Compares a presented secret with the expected one in constant time. Both are hashed first so that
 * neither the comparison nor an early length check reveals how much of the secret was right.
 */
export function secretMatches(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || expected.length === 0) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
