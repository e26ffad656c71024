import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminApi, adminLogin, inviteEditor } from 'cms/testing/dashboard';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, notification, signIn, startDashboardStack, waitUntilLive, type DashboardStack } from './helpers/dashboard';

/** The password inviteEditor() registers accounts with. */
const PASSWORD = 'MatKhau2026!';
const WRITER = { email: 'phongvien.quytrinh@binhan.gov.vn', password: PASSWORD };
const EDITOR = { email: 'bientap.quytrinh@binhan.gov.vn', password: PASSWORD };
/** How the audit trail names an invited account: `Tên Họ <email>` (inviteEditor's names). */
const actor = (account: { email: string }) => `${account.email.split('@')[0]} Thử <${account.email}>`;
/** The scheduler looks this often (ms): a scheduled time runs within a second of its minute. */
const POLL_MS = 1000;
/** What the dashboard's publish refusal says to a writer (src/lib/review.ts). */
const WRITER_MAY_NOT_PUBLISH = 'Chỉ biên tập viên được xuất bản bài';

const ARTICLES = '/admin/content-manager/collection-types/api::article.article';
const TITLE = 'Tỉnh khai trương Trung tâm phục vụ hành chính công mới tại phường Đông Hải';
const SLUG = 'tinh-khai-truong-trung-tam-phuc-vu-hanh-chinh-cong-moi-tai-phuong-dong-hai';

let stack: DashboardStack;
let image: string;

beforeAll(async () => {
  stack = await startDashboardStack({ SCHEDULE_POLL_MS: String(POLL_MS) });
  const admin = await adminLogin(stack.cms.url, ADMIN);
  const roles = (await adminApi<{ data: Array<{ id: number; code: string }> }>(stack.cms, admin, 'GET', '/admin/roles')).body.data;
  const role = (code: string) => roles.find((r) => r.code === code)!.id;
  await inviteEditor(stack.cms, admin, WRITER.email, [role('strapi-author')]);
  await inviteEditor(stack.cms, admin, EDITOR.email, [role('strapi-editor')]);
  image = path.join(await mkdtemp(path.join(tmpdir(), 'workflow-')), 'trung-tam-hanh-chinh.jpg');
  await sharp({ create: { width: 1000, height: 640, channels: 3, background: '#1f4e79' } })
    .jpeg()
    .toFile(image);
});

afterAll(async () => {
  await stack?.stop();
});

/** A browser of an agency's machine: Vietnam's zone, in which the dashboard shows and takes times. */
async function agencyBrowser(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN', viewport: { width: 1400, height: 1000 } });
  return { context, page: await context.newPage() };
}

/** The JWT the dashboard sends with its own calls, caught from the next one it makes. */
async function dashboardJwt(page: Page, during: () => Promise<unknown>): Promise<string> {
  const request = page.waitForRequest((r) => (r.headers().authorization ?? '').startsWith('Bearer '));
  await during();
  return (await request).headers().authorization.slice('Bearer '.length);
}

/** The next whole minute at least 20 s from now (the picker takes minutes), as Vietnam's clock shows it. */
function scheduleTime(): { at: Date; date: string; time: string } {
  const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  const parts = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', ...options }).format(at);
  return {
    at,
    date: parts({ day: '2-digit', month: '2-digit', year: 'numeric' }),
    time: parts({ hour: '2-digit', minute: '2-digit', hour12: false }),
  };
}

describe("the newsroom's workflow in the dashboard", () => {
  let documentId = '';

  it('a Phóng viên writes a draft with an image, marks it "Chờ duyệt", and may not publish it', async () => {
    const { cms } = stack;
    const { context, page } = await agencyBrowser();
    await signIn(page, cms.url, WRITER);
    await page.goto(`${cms.url}${ARTICLES}/create`);
    await page.locator('input[name=title]').fill(TITLE);
    await page.locator('textarea[name=lead]').fill('Trung tâm mới tiếp nhận hồ sơ của 19 sở, ngành; người dân chờ không quá 15 phút.');
    await page.locator('[contenteditable="true"]').last().click();
    await page.keyboard.type('Trung tâm mở cửa từ 7 giờ 30 đến 17 giờ, kể cả sáng thứ Bảy.');
    await page.getByRole('button', { name: 'Bấm để thêm ảnh, hoặc kéo thả tệp vào đây' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Thêm tệp' }).click();
    await page.locator('input[type=file]').setInputFiles(image);
    await page.getByRole('dialog').getByRole('button', { name: 'Tải 1 tệp lên thư viện' }).click();
    // The upload dialog moves on once the server has stored the image and made its sizes: slow on a busy machine.
    await page.getByRole('dialog').getByRole('button', { name: 'Hoàn tất' }).click({ timeout: 120_000 });
    await page.getByRole('combobox', { name: /chuyên mục/i }).click();
    await page.getByRole('option', { name: /^Cải cách hành chính/ }).click();
    await page.getByRole('combobox', { name: /trạng thái duyệt/i }).click();
    await page.getByRole('option', { name: 'Chờ duyệt' }).click();

    const jwt = await dashboardJwt(page, () => page.getByRole('button', { name: 'Lưu', exact: true }).click());
    await notification(page, 'Đã lưu').waitFor();
    await page.waitForURL((url) => !url.pathname.endsWith('/create'));
    documentId = page.url().split('?')[0].split('/').pop()!;

    // Strapi greys out "Xuất bản" for a role without the publish permission; its keyboard shortcut does nothing.
    await page.getByRole('button', { name: 'Xuất bản', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Xuất bản', exact: true }).isDisabled()).toBe(true);
    // The dashboard's own publish call, from the writer's session, is refused with the reason.
    const refusal = await page.evaluate(
      async ({ url, token }) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        return { status: response.status, body: (await response.json()) as { error: { message: string } } };
      },
      { url: `${cms.url}/content-manager/collection-types/api::article.article/${documentId}/actions/publish`, token: jwt },
    );
    expect(refusal.status).toBe(403);
    expect(refusal.body.error.message).toContain(WRITER_MAY_NOT_PUBLISH);
    // Sending it back is the editor's: the form shows the refusal.
    await page.getByRole('combobox', { name: /trạng thái duyệt/i }).click();
    await page.getByRole('option', { name: 'Trả lại' }).click();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await notification(page, 'Chỉ biên tập viên được trả lại bài').waitFor();
    await context.close();
  });

  it('a Biên tập viên finds it in the review queue, opens its preview and schedules it; it goes live on its own', async () => {
    const { cms, publisher } = stack;
    const { context, page } = await agencyBrowser();
    await signIn(page, cms.url, EDITOR);
    await page.goto(`${cms.url}${ARTICLES}?filters[$and][0][reviewState][$eq]=awaitingReview`);
    const row = page.getByRole('row').filter({ hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain('Chờ duyệt');
    await row.getByText(TITLE).click();
    await page.waitForURL((url) => url.pathname.endsWith(documentId));

    // The preview: the draft on the site's own layout, rendered by the publisher, marked as such.
    await page.getByRole('link', { name: 'Mở bản xem trước' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/preview'));
    const preview = page.frameLocator('iframe[data-testid="preview-iframe"]');
    await expect.poll(() => preview.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 }).toBe(TITLE);
    expect(await preview.getByRole('status').textContent()).toContain('Bản xem trước');
    expect(await preview.locator('main').textContent()).toContain('Trung tâm mở cửa từ 7 giờ 30 đến 17 giờ');
    // Not on the site yet.
    expect((await fetch(`${publisher.siteUrl}/bai-viet/${SLUG}/`)).status).toBe(404);
    await page.goto(`${cms.url}${ARTICLES}/${documentId}`);

    const when = scheduleTime();
    const picker = page.getByRole('group', { name: /xuất bản lúc/i });
    const [date, time] = [picker.getByRole('combobox').first(), picker.getByRole('combobox').last()];
    await date.fill(when.date);
    await date.press('Enter');
    await date.blur();
    await time.fill(when.time);
    await time.blur();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await notification(page, 'Đã lưu').waitFor();

    const site = await context.newPage();
    const live = await waitUntilLive(site, publisher, `/bai-viet/${SLUG}/`, when.at.getTime() - Date.now() + 60_000);
    console.log(`scheduled ${when.time} → live ${((live - when.at.getTime()) / 1000).toFixed(1)} s after`);
    expect(live).toBeGreaterThanOrEqual(when.at.getTime());
    expect(await site.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    await context.close();
  });

  it('the history shows who did what, in Vietnamese, on its page and in the edit view', async () => {
    const { cms } = stack;
    const { context, page } = await agencyBrowser();
    await signIn(page, cms.url, EDITOR);
    await page.getByRole('link', { name: 'Lịch sử thao tác' }).click();
    await page.getByRole('heading', { name: 'Lịch sử thao tác' }).waitFor();
    // The whole trail (the demo content's steps too) is read a page at a time, newest first.
    await page.getByRole('button', { name: 'Cũ hơn ›' }).click();
    await page.getByText(/Trang 2\/\d+/).waitFor();
    await page.getByRole('combobox', { name: /loại nội dung/i }).selectOption({ label: 'Bài viết' });
    const rows = page.getByRole('row').filter({ hasText: TITLE });
    await rows.first().waitFor();
    const steps = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    // Newest first: Lúc, Nội dung, Thao tác, Người thực hiện, Chi tiết.
    const who = steps.map(([, , action, by]) => `${action} — ${by}`).reverse();
    expect(who).toEqual(
      expect.arrayContaining([`Tạo mới — ${actor(WRITER)}`, `Gửi duyệt — ${actor(WRITER)}`, `Hẹn giờ — ${actor(EDITOR)}`, 'Xuất bản — scheduler']),
    );
    expect(who.indexOf(`Tạo mới — ${actor(WRITER)}`)).toBeLessThan(who.indexOf(`Hẹn giờ — ${actor(EDITOR)}`));
    expect(who.indexOf(`Hẹn giờ — ${actor(EDITOR)}`)).toBeLessThan(who.indexOf('Xuất bản — scheduler'));
    expect(await page.getByRole('columnheader').allTextContents()).toEqual([
      'Lúc (giờ Việt Nam)',
      'Nội dung',
      'Thao tác',
      'Người thực hiện',
      'Chi tiết',
    ]);

    // The edit view's panel: the document's own last steps.
    await page.goto(`${cms.url}${ARTICLES}/${documentId}`);
    const panel = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Người thực hiện' }) });
    await panel.getByRole('cell', { name: 'Xuất bản', exact: true }).first().waitFor();
    expect(await panel.getByRole('columnheader').allTextContents()).toEqual(['Lúc (giờ Việt Nam)', 'Thao tác', 'Người thực hiện']);
    expect(await panel.getByText(actor(EDITOR)).count()).toBeGreaterThan(0);
    await context.close();
  });
});
