/**
 * The planner: what a build does, decided from data alone (no I/O, so it is unit-tested).
 *
 * Full or partial is decided here and nowhere else (`fullBuildReason`): a build is partial only when the
 * live release is the one this process last built, so that its page digests describe the files to reuse.
 * The page-diff plan (`planBuild`) then sorts every page of the new site into one of three lists:
 *
 *   render   new pages; pages whose data changed; pages whose output file moved; every page when the
 *            renderer (the site's templates) is not the one the previous files were made with
 *   link     unchanged pages: their file is hard-linked from the live release
 *   remove   pages of the live release that the new site no longer has (they are simply not carried over)
 */

/** What a release holds of each page: the file it was written to and a digest of the data it shows. */
export type BuiltPage = { file: string; digest: string };

/** The page digests of a release, and the renderer its files were made with. */
export type BuiltPages = { renderer: string; pages: ReadonlyMap<string, BuiltPage> };

/** A page of the new site, with its URL, output file and data digest (any extra fields ride along). */
export type PlannedPage = { url: string; file: string; digest: string };

export type BuildPlan<P extends PlannedPage> = { render: P[]; link: P[]; remove: string[] };

/**
 * Sorts the pages of a build into render / link / remove. `previous` is null for a full build: then
 * every page is rendered. Output order follows `pages`.
 */
export function planBuild<P extends PlannedPage>(previous: BuiltPages | null, next: { renderer: string; pages: Iterable<P> }): BuildPlan<P> {
  // Files made by another renderer may differ even where the data does not: none of them is reused.
  const reusable = previous && previous.renderer === next.renderer ? previous.pages : new Map<string, BuiltPage>();
  const plan: BuildPlan<P> = { render: [], link: [], remove: [] };
  const urls = new Set<string>();
  for (const page of next.pages) {
    urls.add(page.url);
    const before = reusable.get(page.url);
    if (before && before.digest === page.digest && before.file === page.file) plan.link.push(page);
    else plan.render.push(page);
  }
  for (const url of previous?.pages.keys() ?? []) if (!urls.has(url)) plan.remove.push(url);
  return plan;
}

export type StartingPoint = {
  /** The changes ask for everything (settings, menu, categories, authors, media; see events.ts). */
  fullRequested: boolean;
  /** PUBLISH_PARTIAL: false forces full builds. */
  partialEnabled: boolean;
  /** Name of the live release, null before the first publish. */
  live: string | null;
  /** Name of the release the builder's page digests describe, null when it has none. */
  described: string | null;
};

/**
 * Why a build must render every page, or null when it can be partial. The builder's digests describe
 * the release it last published; they stop describing the live one after a restart, a failed build
 * (its changes were fetched but never went live) or a rollback.
 */
export function fullBuildReason(start: StartingPoint): string | null {
  if (start.fullRequested) return 'the changes touch every page';
  if (!start.partialEnabled) return 'partial builds are turned off';
  if (!start.live) return 'nothing is live yet';
  if (start.described !== start.live) return 'the live release is not the last one built here (start-up, failure or rollback)';
  return null;
}
