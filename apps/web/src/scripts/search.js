// Search results (tim-kiem/index.astro): runs the query of ?q= through Pagefind's index. A module file,
// not an inline script: the site's CSP refuses inline scripts (Pagefind's WebAssembly needs 'wasm-unsafe-eval').
const query = new URLSearchParams(location.search).get('q')?.trim();
const statusLine = document.getElementById('search-status');
const list = document.getElementById('search-results');
if (query) {
  document.getElementById('q').value = query;
  statusLine.textContent = 'Đang tìm…';
  // Pagefind's browser API as far as this page uses it (https://pagefind.app/docs/api/). The module exists only
  // at run time (the build writes /pagefind/), so it has no types to import.
  /** @type {{ mergeIndex(path: string): Promise<void>, search(query: string): Promise<{ results: { id: string, data(): Promise<{ url: string, meta: { title: string, description?: string } }> }[] }> }} */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- typed by the JSDoc above
  const pagefind = await import('/pagefind/pagefind.js');
  // The index is a base cut into shards and a small index of the articles changed since
  // (integrations/search-update.ts): recent.json names the shards after the first (this bundle), the recent
  // index, and the base's pages it supersedes, which are left out of the results. Without it (an older
  // release, a failed request) the first shard alone answers.
  /** @typedef {{ bases?: string[], index: string | null, drop: [id: string, url: string][] }} RecentManifest */
  /** @type {RecentManifest} */
  const recent = (await fetch('/pagefind/recent.json')
    .then((response) => (response.ok ? /** @type {Promise<RecentManifest>} */ (response.json()) : null))
    .catch(() => null)) ?? { index: null, drop: [] };
  const merged = [...(recent.bases ?? []), ...(recent.index ? [recent.index] : [])];
  await Promise.all(merged.map((folder) => pagefind.mergeIndex(`/pagefind/${folder}`)));
  // A Pagefind id is unique within one index only: a result whose id is dropped is left out when its URL is too.
  const droppedIds = new Set(recent.drop.map(([id]) => id));
  const superseded = new Set(recent.drop.map(([id, url]) => `${id} ${url}`));
  const all = (await pagefind.search(query)).results;
  const current = await Promise.all(
    all.map(async (result) => !droppedIds.has(result.id) || !superseded.has(`${result.id} ${(await result.data()).url}`)),
  );
  const found = all.filter((_, n) => current[n]);
  const results = await Promise.all(found.slice(0, 30).map((result) => result.data()));
  statusLine.textContent = results.length ? `Tìm thấy ${found.length} bài viết cho “${query}”.` : `Không tìm thấy bài viết nào cho “${query}”.`;
  for (const result of results) {
    const item = document.createElement('li');
    item.className = 'py-3';
    const link = document.createElement('a');
    link.href = result.url;
    link.className = 'text-lg font-bold';
    link.textContent = result.meta.title;
    const lead = document.createElement('p');
    lead.className = 'text-sm';
    lead.textContent = result.meta.description ?? '';
    item.append(link, lead);
    list.append(item);
  }
}
