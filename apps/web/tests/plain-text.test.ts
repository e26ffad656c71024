import { describe, expect, it } from 'vitest';
import { blocksToPlainText, countWords } from '../src/lib/rich-text';
import { articleBlocks } from './fixtures/article-blocks';

describe('blocksToPlainText', () => {
  it('gives the recorded article as paragraphs separated by blank lines, without markup', () => {
    expect(blocksToPlainText(articleBlocks)).toBe(
      [
        'Tổng quan',
        'Sáng 01/4, UBND tỉnh tổ chức hội nghị tổng kết năm 2025.',
        'Xem văn bản gốc và tin liên quan.',
        'Các chỉ tiêu chính',
        'Tăng trưởng GRDP 8,2%\nThu ngân sách\nThu nội địa\nThu xuất nhập khẩu\nGiải ngân vốn đầu tư công',
        'Phát triển nhanh và bền vững.',
        'Mã hồ sơ: 001\nNgày: 01/4',
      ].join('\n\n'),
    );
  });

  it('keeps markup-looking text as text (escaping is the renderer\'s job, not this one\'s)', () => {
    expect(blocksToPlainText([{ type: 'paragraph', children: [{ type: 'text', text: 'a <b> & c' }] }])).toBe('a <b> & c');
  });

  it('collapses soft line breaks and runs of spaces inside a paragraph', () => {
    expect(blocksToPlainText([{ type: 'paragraph', children: [{ type: 'text', text: '  một\n hai   ba ' }] }])).toBe('một hai ba');
  });

  it('lists items nested inside an item on their own lines', () => {
    const blocks = [
      {
        type: 'list',
        format: 'unordered',
        children: [{ type: 'list-item', children: [{ type: 'text', text: 'a' }, { type: 'list', children: [{ type: 'list-item', children: [{ type: 'text', text: 'b' }] }] }] }],
      },
    ];
    expect(blocksToPlainText(blocks)).toBe('a\nb');
  });

  it('leaves out images and ignores fields other than text', () => {
    const blocks = [
      { type: 'image', image: { url: '/a.jpg', caption: 'chú thích' } },
      { type: 'embed', html: '<iframe>', children: [{ type: 'text', text: 'chữ' }] },
    ];
    expect(blocksToPlainText(blocks)).toBe('chữ');
  });

  it('returns an empty string for anything that is not a block array', () => {
    for (const value of [null, undefined, 'text', 42, {}]) expect(blocksToPlainText(value)).toBe('');
  });
});

describe('countWords', () => {
  it('counts Vietnamese words (syllables) separated by whitespace', () => {
    expect(countWords('Bảo vệ an ninh Tổ quốc')).toBe(6);
  });

  it('counts numbers and ignores punctuation standing alone', () => {
    expect(countWords('Có 10.349 lượt xem — tăng 8,2% … !')).toBe(6);
  });

  it('counts across lines and paragraphs', () => {
    expect(countWords('một hai\n\nba\tbốn')).toBe(4);
  });

  it('counts nothing in empty or blank text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords(' \n\t ')).toBe(0);
  });

  it('counts the recorded article', () => {
    expect(countWords(blocksToPlainText(articleBlocks))).toBe(58);
  });
});
