// Search results (tim-kiem/index.astro): runs the query of ?q= on the site's search index. A module file,
// not an inline script: the site's CSP refuses inline scripts.
const query = new URLSearchParams(location.search).get('q')?.trim();
const statusLine = document.getElementById('search-status');
const list = document.getElementById('search-results');
if (query) {
  document.getElementById('q').value = query;
  statusLine.textContent = 'Đang tìm…';
  try {
    // The index's own code, written beside it (scripts/search-engine.js, copied by integrations/search-update.ts):
    // it exists only at run time, so its types come from the source.
    /** @type {typeof import('./search-engine.js')} */
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- typed by the JSDoc above
    const engine = await import('/_search/engine.js');
    const { total, results } = await engine.search(query, { base: '/_search/', limit: 30 });
    statusLine.textContent = total ? `Tìm thấy ${total} bài viết cho “${query}”.` : `Không tìm thấy bài viết nào cho “${query}”.`;
    for (const result of results) {
      const item = document.createElement('li');
      item.className = 'py-3';
      const link = document.createElement('a');
      link.href = result.url;
      link.className = 'text-lg font-bold';
      link.textContent = result.title;
      const lead = document.createElement('p');
      lead.className = 'text-sm';
      lead.textContent = result.description;
      item.append(link, lead);
      list.append(item);
    }
  } catch (error) {
    console.error(error);
    statusLine.textContent = 'Chưa tìm được: không tải được dữ liệu tìm kiếm. Vui lòng thử lại sau ít phút.';
  }
}
