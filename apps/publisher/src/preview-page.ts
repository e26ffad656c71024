import type { ServerResponse } from 'node:http';
import { escapeHtml, securityHeaders } from 'web/site';

/**
 * The headers of every preview answer, pages and messages alike: never cached, never indexed, framed only
 * by the dashboard's origin, and no Referer leaving with the link's token. The rest is the site's own
 * security headers (web's security-headers.ts).
 */
export function previewHeaders(dashboardOrigin: string): Record<string, string> {
  return {
    ...securityHeaders({ frameAncestors: [dashboardOrigin] }),
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-robots-tag': 'noindex, nofollow',
    'content-type': 'text/html; charset=utf-8',
  };
}

/** A preview's refusal or failure, in Vietnamese, as a small page of its own (no script, no style). */
export function messageHtml(title: string, text: string): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
<p>Mở lại bản xem trước từ trang soạn bài để có liên kết mới.</p>
</body>
</html>
`;
}

/** What each refusal says. */
export const MESSAGES = {
  malformed: ['Liên kết xem trước không hợp lệ', 'Liên kết này không đúng dạng (thiếu, thừa hoặc sai mã xem trước).'],
  forged: ['Liên kết xem trước không hợp lệ', 'Chữ ký của liên kết không đúng, hoặc liên kết được tạo cho một bài khác.'],
  expired: ['Liên kết xem trước đã hết hạn', 'Liên kết xem trước chỉ dùng được trong một thời gian ngắn.'],
  missing: ['Không tìm thấy bài viết', 'Bài viết này không còn (có thể đã bị xoá).'],
  off: ['Chưa bật xem trước', 'Trình xuất bản chưa có PREVIEW_SECRET: không mở được bản xem trước.'],
  unavailable: ['Bản xem trước chưa sẵn sàng', 'Trang đang được dựng lần đầu; vui lòng thử lại sau ít giây.'],
  slugTaken: ['Đường dẫn đã được dùng', 'Một bài đã xuất bản khác có cùng đường dẫn (slug); hãy đổi đường dẫn của bài này.'],
  failed: ['Không dựng được bản xem trước', 'Không đọc được bản nháp từ CMS hoặc không dựng được trang. Vui lòng thử lại.'],
} as const;

export type MessageKind = keyof typeof MESSAGES;

/** Answers with a message page: `status` and one of MESSAGES. */
export function sendMessage(res: ServerResponse, status: number, kind: MessageKind, headers: Record<string, string>): void {
  const [title, text] = MESSAGES[kind];
  res.writeHead(status, headers).end(messageHtml(title, text));
}
