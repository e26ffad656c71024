/**
 * Releases that went live with a search index lagging their pages (a partial build publishes before its
 * index is rewritten). Remembered so that after a rollback the status page says whether the restored
 * release's search is behind. Bounded to the releases kept on disk: only those can be rolled back to.
 */
export class LaggingReleases {
  private readonly names = new Set<string>();

  constructor(private readonly keep: number) {}

  note(release: string): void {
    this.names.add(release);
    for (const old of this.names) {
      if (this.names.size <= this.keep) break;
      this.names.delete(old);
    }
  }

  has(release: string): boolean {
    return this.names.has(release);
  }
}
