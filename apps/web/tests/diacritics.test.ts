import { describe, expect, it } from 'vitest';
import { fold, keyOf, wordsOf } from '../src/scripts/search-engine.js';

/** A text as the search index keys its words (scripts/search-engine.js), joined by spaces. */
const foldDiacritics = (text: string) => wordsOf(text).map(fold).join(' ');

// Every Vietnamese vowel with each of the six tones: ngang, huyền, sắc, hỏi, ngã, nặng.
const VOWELS: Readonly<Record<string, string>> = {
  a: 'aàáảãạ',
  ă: 'ăằắẳẵặ',
  â: 'âầấẩẫậ',
  e: 'eèéẻẽẹ',
  ê: 'êềếểễệ',
  i: 'iìíỉĩị',
  o: 'oòóỏõọ',
  ô: 'ôồốổỗộ',
  ơ: 'ơờớởỡợ',
  u: 'uùúủũụ',
  ư: 'ưừứửữự',
  y: 'yỳýỷỹỵ',
};

const cases = Object.entries(VOWELS).flatMap(([vowel, forms]) =>
  [...forms].map((letter) => [vowel, letter, vowel.normalize('NFD')[0] ?? ''] as const),
);

describe('the search words of a text, folded', () => {
  it('covers 12 vowels × 6 tones, each a single precomposed (NFC) character', () => {
    expect(cases).toHaveLength(72);
    expect(new Set(cases.map(([, letter]) => letter)).size).toBe(72);
    for (const [, letter] of cases) expect(letter.normalize('NFC')).toBe(letter);
  });

  it.each(cases)('folds %s-vowel %s to %s from NFC, NFD, upper and lower case', (_, letter, base) => {
    expect(foldDiacritics(letter)).toBe(base);
    expect(foldDiacritics(letter.normalize('NFD'))).toBe(base);
    expect(foldDiacritics(letter.toUpperCase())).toBe(base);
    expect(foldDiacritics(letter.toUpperCase().normalize('NFD'))).toBe(base);
  });

  it('folds đ and Đ to d', () => {
    expect(foldDiacritics('Đà Nẵng đẹp')).toBe('da nang dep');
  });

  it('folds a heading typed in any case', () => {
    expect(foldDiacritics('Bảo vệ AN NINH Tổ quốc')).toBe('bao ve an ninh to quoc');
    expect(foldDiacritics('BẢO VỆ AN NINH TỔ QUỐC')).toBe('bao ve an ninh to quoc');
  });

  it('folds NFC and NFD spellings of the same text identically', () => {
    const nfc = 'Nghị quyết của Hội đồng nhân dân tỉnh';
    expect(foldDiacritics(nfc.normalize('NFD'))).toBe(foldDiacritics(nfc));
    expect(foldDiacritics(nfc)).toBe('nghi quyet cua hoi dong nhan dan tinh');
  });

  it('folds old and new tone placement alike', () => {
    expect(foldDiacritics('hoà')).toBe(foldDiacritics('hòa'));
    expect(foldDiacritics('thuỷ')).toBe(foldDiacritics('thủy'));
  });

  it('collapses and trims whitespace of every kind', () => {
    expect(foldDiacritics('  Tin \t tức\n\nmới\u00a0nhất  ')).toBe('tin tuc moi nhat');
  });

  it('keeps digits, and splits words at punctuation', () => {
    expect(foldDiacritics('COVID-19: 10.349 ca')).toBe('covid 19 10 349 ca');
    expect(foldDiacritics('“Tổ-quốc”…(trên hết)!')).toBe('to quoc tren het');
  });

  it('cuts a word after 40 letters', () => {
    expect(foldDiacritics(`ngắn ${'a'.repeat(41)} ${'b'.repeat(40)}`)).toBe(`ngan ${'a'.repeat(40)} ${'b'.repeat(40)}`);
    expect(wordsOf('𝒜'.repeat(45))).toEqual(['𝒜'.repeat(40)]);
  });

  it('keys a word by its first three letters, folded; a shorter word by itself', () => {
    expect(keyOf(fold('người'))).toBe('ngu');
    expect(keyOf('an')).toBe('an');
    expect(keyOf('𝒜𝒷𝒸𝒹')).toBe('𝒜𝒷𝒸');
  });

  it('is idempotent, so folding an already folded index is harmless', () => {
    const once = foldDiacritics('Ủy ban nhân dân tỉnh Bình An');
    expect(foldDiacritics(once)).toBe(once);
  });

  it('returns an empty string for blank input', () => {
    expect(foldDiacritics('')).toBe('');
    expect(foldDiacritics('   ')).toBe('');
  });
});
