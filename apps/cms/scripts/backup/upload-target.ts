/**
 * An upload store as a restore fills it, in the order that keeps the portal whole: `prepare` does all that
 * can fail before the database is replaced; `commit` after it (moving files in, removing what --force
 * replaces); `rollback` when the database could not be replaced.
 */
export type UploadTarget = {
  /** What the store holds now, as archive paths (uploads/…); asked before `prepare`. */
  existing(): Promise<string[]>;
  prepare(): Promise<void>;
  commit(replace: boolean): Promise<void>;
  rollback(): Promise<void>;
};
