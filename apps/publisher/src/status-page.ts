import { escapeHtml } from 'web/site';
import type { BuildRecord, PurgeStatus, Status } from './status';

const escape = escapeHtml;

const RESULT_LABEL: Record<BuildRecord['result'], string> = {
  running: 'Đang xây dựng',
  success: 'Thành công',
  failed: 'Thất bại',
  abandoned: 'Đã hủy',
};

function buildSection(title: string, build: BuildRecord | null): string {
  if (!build) return `<h2>${title}</h2><p>Chưa có.</p>`;
  const progress = `${build.pagesRendered}${build.pagesExpected !== undefined ? ` / ${build.pagesExpected}` : ''}${build.pages !== undefined ? ` (trang web có ${build.pages} trang)` : ''}`;
  return `<h2>${title}</h2>
<dl>
<dt>Kết quả</dt><dd class="${build.result}">${RESULT_LABEL[build.result]}</dd>
<dt>Loại</dt><dd>${build.kind === 'full' ? 'Toàn bộ' : 'Một phần'} (${build.articles} bài viết thay đổi${build.reasons.length ? `; ${escape(build.reasons.join(', '))}` : ''})</dd>
<dt>Trang đã dựng</dt><dd>${progress}</dd>
<dt>Bắt đầu</dt><dd>${escape(build.startedAt)}</dd>
${build.durationMs !== undefined ? `<dt>Thời gian</dt><dd>${(build.durationMs / 1000).toFixed(1)} giây</dd>` : ''}
${build.error ? `<dt>Lỗi</dt><dd>${escape(build.error)}</dd>` : ''}
</dl>
${build.logTail.length ? `<details><summary>Nhật ký</summary><pre>${escape(build.logTail.join('\n'))}</pre></details>` : ''}`;
}

/** The CDN purge's line: absent without PURGE_URL. */
function purgeLine(purge: PurgeStatus): string {
  if (!purge) return '';
  const { last } = purge;
  const sending = purge.sending ? 'đang gửi yêu cầu; ' : '';
  if (!last) return `<p>Làm mới CDN: ${sending || 'chưa có yêu cầu nào'}</p>`;
  const what = `phiên bản ${escape(last.release)}, ${last.paths} đường dẫn, ${last.attempts} lần gửi, lúc ${escape(last.finishedAt)}`;
  return last.result === 'success'
    ? `<p>Làm mới CDN: ${sending}lần gần nhất <span class="success">thành công</span> (${what})</p>`
    : `<p>Làm mới CDN: ${sending}lần gần nhất <span class="failed">thất bại</span> (${what}): ${escape(last.error ?? '')}. Trang web vẫn phục vụ phiên bản mới; CDN có thể trả bản cũ đến khi hết hạn lưu đệm.</p>`;
}

/**
 * The editors' status page (GET / on :4322), from what `StatusBook` keeps: small, Vietnamese, refreshes itself
 * every 5 seconds. Its link is relative: nginx serves the page at /publisher/ on the CMS host.
 */
export function statusHtml(status: Status): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5"><title>Tình trạng xuất bản</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#111}
dt{font-weight:bold}dd{margin:0 0 .5rem}.failed{color:#a50e0e;font-weight:bold}.success{color:#14532d;font-weight:bold}
pre{white-space:pre-wrap;background:#f3f3f3;padding:.5rem;font-size:13px}</style></head>
<body><h1>Tình trạng xuất bản trang tin</h1>
<p>Phiên bản đang phục vụ: <strong>${escape(status.live.release ?? 'chưa có')}</strong>${status.live.since ? ` (từ ${escape(status.live.since)})` : ''}</p>
<p>Chỉ mục tìm kiếm: ${status.search.refreshing ? 'đang cập nhật' : status.search.upToDate ? 'đã cập nhật' : 'sẽ cập nhật sau lần xây dựng tới'}${status.search.lastRefresh?.result === 'failed' ? ` (lần cập nhật trước thất bại: ${escape(status.search.lastRefresh.error ?? '')})` : ''}</p>
${purgeLine(status.purge)}
<p>Hàng đợi: ${status.queue.waiting ? `${status.queue.full ? 'dựng toàn bộ' : `${status.queue.articles} bài viết`} đang chờ` : 'trống'}</p>
${status.running ? buildSection('Đang xây dựng', status.running) : ''}
${buildSection('Lần xây dựng gần nhất', status.lastBuild)}
<p><a href="status">Dữ liệu JSON</a></p>
</body></html>`;
}
