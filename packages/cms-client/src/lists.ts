/** `items` in batches of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/** The first occurrence of each documentId, in order. */
export function uniqueByDocumentId<T extends { documentId: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.documentId)) return false;
    seen.add(item.documentId);
    return true;
  });
}

/**
 * `items` without nulls. Strapi types every relation list as `[Type]!` (items nullable) although it never
 * sends a null item; readers of the client should not have to filter them.
 */
export function compact<T>(items: ReadonlyArray<T | null | undefined>): T[] {
  return items.filter((item): item is T => item !== null && item !== undefined);
}
