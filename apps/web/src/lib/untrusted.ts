/** A JSON object whose fields have not been checked yet. */
export type UntrustedRecord = Readonly<Record<string, unknown>>;

/** The object behind a value, or null for arrays, primitives and null. */
export function asRecord(value: unknown): UntrustedRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as UntrustedRecord) : null;
}

/**
 * A field read only from the object itself: a polluted `Object.prototype.url` (or a `__proto__` key)
 * must never supply a value the editor did not write.
 */
export function ownField(record: UntrustedRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A string field, or null when it is missing or of another type. */
export function ownString(record: UntrustedRecord, key: string): string | null {
  const value = ownField(record, key);
  return typeof value === 'string' ? value : null;
}

/** A finite number field, or null. */
export function ownNumber(record: UntrustedRecord, key: string): number | null {
  const value = ownField(record, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A flag that is on only when it is literally `true` (not "true", not 1). */
export function ownFlag(record: UntrustedRecord, key: string): boolean {
  return ownField(record, key) === true;
}

/** The `children` array of a node; anything else reads as no children. */
export function childrenOf(record: UntrustedRecord): readonly unknown[] {
  const value = ownField(record, 'children');
  return Array.isArray(value) ? value : [];
}

/** The `type` of a node, or null when the value is not a node or has no string type. */
export function nodeType(node: unknown): string | null {
  const record = asRecord(node);
  return record === null ? null : ownString(record, 'type');
}
