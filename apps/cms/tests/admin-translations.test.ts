import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { portalEn, portalVi } from '../src/admin/translations/portal';
import { adminVi, contentManagerCodeVi, contentManagerVi, uploadVi, vi, type Translations } from '../src/admin/translations/vi';
import { APP_DIR } from './helpers/database';

/** Strapi's packages as the dashboard build resolves them (dependencies of @strapi/strapi). */
const strapiRequire = createRequire(createRequire(`${APP_DIR}/package.json`).resolve('@strapi/strapi/package.json'));

const packageRoot = (pkg: string) => path.dirname(strapiRequire.resolve(`${pkg}/package.json`));

/** The text of a package's dashboard code (its ES module build). */
function dashboardCode(pkg: string): string {
  const dir = path.join(packageRoot(pkg), 'dist', 'admin');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs') && !file.startsWith('translations'));
  return files.map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n');
}

/** A package's English, the source of its keys (Strapi ships each en.json compiled to a module). */
function strapiEnglish(pkg: string, translationsDir: string): { version: string; en: Record<string, string> } {
  const root = packageRoot(pkg);
  const { version } = strapiRequire(`${pkg}/package.json`) as { version: string };
  // Some are CommonJS with a `default` export, some export the object itself.
  const en = strapiRequire(path.join(root, translationsDir, 'en.json.js')) as Record<string, string> & { default?: Record<string, string> };
  return { version, en: en.default ?? en };
}

const SOURCES: Array<{ pkg: string; prefix: string; dir: string; ours: Translations }> = [
  { pkg: '@strapi/admin', prefix: '', dir: 'dist/admin/admin/src/translations', ours: adminVi },
  { pkg: '@strapi/content-manager', prefix: 'content-manager.', dir: 'dist/admin/translations', ours: contentManagerVi },
  { pkg: '@strapi/upload', prefix: 'upload.', dir: 'dist/admin/translations', ours: uploadVi },
];

/** The ICU arguments a message takes ({name}, {count, plural, …}), nested ones included. */
const argumentsOf = (message: string) => new Set([...message.matchAll(/\{\s*([A-Za-z_][\w-]*)\s*[,}]/g)].map((match) => match[1]));
/** The rich-text tags a message uses (<b>…</b>), which the dashboard fills with elements. */
const tagsOf = (message: string) => new Set([...message.matchAll(/<([a-z]+)>/g)].map((match) => match[1]));

describe("the dashboard's Vietnamese", () => {
  for (const { pkg, prefix, dir, ours } of SOURCES) {
    describe(pkg, () => {
      const { version, en } = strapiEnglish(pkg, dir);

      it('is written against Strapi 5.54, and translates only keys its en.json has', () => {
        expect(version).toBe('5.54.0');
        expect(Object.keys(ours).length).toBeGreaterThan(20);
        expect(Object.keys(ours).filter((key) => !(key in en))).toEqual([]);
      });

      it('leaves no value empty, untranslated, or with arguments or tags the English does not give', () => {
        for (const [key, value] of Object.entries(ours)) {
          expect(value.trim(), key).not.toBe('');
          expect(value, key).not.toBe(en[key]);
          for (const name of argumentsOf(value)) expect(argumentsOf(en[key]), `${key}: {${name}}`).toContain(name);
          for (const tag of tagsOf(value)) expect(tagsOf(en[key]), `${key}: <${tag}>`).toContain(tag);
        }
      });

      it('is what the dashboard gets, under the key it looks up', () => {
        for (const [key, value] of Object.entries(ours)) expect(vi[`${prefix}${key}`], key).toBe(value);
      });
    });
  }

  it("translates the Content Manager's keys that have no English entry only while its code still uses them", () => {
    const code = dashboardCode('@strapi/content-manager');
    const { en } = strapiEnglish('@strapi/content-manager', 'dist/admin/translations');
    for (const [key, value] of Object.entries(contentManagerCodeVi)) {
      expect(key in en, key).toBe(false);
      // Looked up as 'content-manager.<key>' or getTranslation('<key>'), in quotes or backticks.
      const quoted = new RegExp(`['\`](content-manager\\.)?${key.replaceAll('.', '\\.')}['\`]`);
      expect(code, key).toMatch(quoted);
      expect(value.trim(), key).not.toBe('');
      expect(vi[`content-manager.${key}`]).toBe(value);
    }
  });

  it('formats every message in Vietnamese without an ICU error', () => {
    const errors: string[] = [];
    const intl = createIntl({ locale: 'vi', messages: vi, onError: (error) => errors.push(error.message) });
    for (const [key, message] of Object.entries(vi)) {
      const values: Record<string, string | number | ((chunks: string[]) => string)> = { b: (chunks) => chunks.join('') };
      for (const name of argumentsOf(message)) values[name] = 2;
      expect(intl.formatMessage({ id: key }, values), key).not.toBe('');
    }
    expect(errors).toEqual([]);
    expect(intl.formatMessage({ id: 'upload.modal.upload-list.footer.button' }, { number: 1 })).toBe('Tải 1 tệp lên thư viện');
    expect(intl.formatMessage({ id: 'content-manager.success.record.publish' })).toBe('Đã xuất bản');
  });

  it("gives the portal's own strings in Vietnamese and English alike", () => {
    expect(Object.keys(portalEn).sort()).toEqual(Object.keys(portalVi).sort());
    for (const [key, value] of Object.entries({ ...portalVi, ...portalEn })) expect(value.trim(), key).not.toBe('');
    expect(vi['portal.audit-trail']).toBe('Lịch sử thao tác');
    expect(vi['portal.audit.action.submitted']).toBe('Gửi duyệt');
    expect(vi.awaitingReview).toBe('Chờ duyệt');
  });
});
