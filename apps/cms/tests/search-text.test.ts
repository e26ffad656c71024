import { describe, expect, it } from 'vitest';
import { foldForSearch, searchTextOf } from '../src/lib/search-text';

describe('foldForSearch', () => {
  it('drops case, tone and shape marks, as the site’s own search does', () => {
    expect(foldForSearch('Bảo vệ AN NINH Tổ quốc')).toBe('bao ve an ninh to quoc');
    expect(foldForSearch('BẢO VỆ')).toBe('bao ve');
    expect(foldForSearch('Phường Ưng Hòa, xã Ơn Thủy')).toBe('phuong ung hoa xa on thuy');
  });

  it('folds đ and Đ to d (a letter of its own, which Unicode does not decompose)', () => {
    expect(foldForSearch('Đại đoàn kết ĐỒNG TÂM')).toBe('dai doan ket dong tam');
  });

  it('folds NFC and NFD input the same', () => {
    const nfc = 'Nghị quyết về phát triển kinh tế'.normalize('NFC');
    expect(foldForSearch(nfc.normalize('NFD'))).toBe(foldForSearch(nfc));
    expect(foldForSearch(nfc)).toBe('nghi quyet ve phat trien kinh te');
  });

  it('turns punctuation, LIKE wildcards and runs of spaces into single spaces', () => {
    expect(foldForSearch('  an ninh,   trật tự — 100% “an toàn”_x\\y\t\n ')).toBe('an ninh trat tu 100 an toan x y');
  });

  it('leaves nothing of a text without letters or digits', () => {
    for (const text of ['', '   ', '!!!', '%_', '— …']) expect(foldForSearch(text)).toBe('');
  });
});

describe('searchTextOf', () => {
  it('keeps title and lead on two lines, so that no folded query spans both', () => {
    expect(searchTextOf('Khánh thành cầu Đông Hải', 'Cây cầu dài 420 m.')).toBe('khanh thanh cau dong hai\ncay cau dai 420 m');
    expect(foldForSearch('hai cay')).not.toContain('\n');
  });

  it('treats a missing title or lead (a draft being written) as empty', () => {
    expect(searchTextOf(null, undefined)).toBe('\n');
    expect(searchTextOf('Tiêu đề', null)).toBe('tieu de\n');
  });
});
