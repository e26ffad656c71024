import { describe, expect, it } from 'vitest';
import { withoutUnsafeCharacters, withoutUnsafeCharactersDeep } from '../src/lib/untrusted';

/** Every character the site removes, by name (https://www.unicode.org/reports/tr9/#Directional_Formatting_Characters, https://www.w3.org/TR/xml/#charsets). */
const REMOVED: ReadonlyArray<readonly [string, string]> = [
  ['\u061c', 'ARABIC LETTER MARK'],
  ['\u200e', 'LEFT-TO-RIGHT MARK'],
  ['\u200f', 'RIGHT-TO-LEFT MARK'],
  ['\u202a', 'LEFT-TO-RIGHT EMBEDDING'],
  ['\u202b', 'RIGHT-TO-LEFT EMBEDDING'],
  ['\u202c', 'POP DIRECTIONAL FORMATTING'],
  ['\u202d', 'LEFT-TO-RIGHT OVERRIDE'],
  ['\u202e', 'RIGHT-TO-LEFT OVERRIDE'],
  ['\u2066', 'LEFT-TO-RIGHT ISOLATE'],
  ['\u2067', 'RIGHT-TO-LEFT ISOLATE'],
  ['\u2068', 'FIRST STRONG ISOLATE'],
  ['\u2069', 'POP DIRECTIONAL ISOLATE'],
  ['\u0000', 'NULL'],
  ['\u0007', 'BELL'],
  ['\u000b', 'LINE TABULATION'],
  ['\u000c', 'FORM FEED'],
  ['\u001b', 'ESCAPE'],
  ['\u007f', 'DELETE'],
  ['\u0085', 'NEXT LINE (C1)'],
  ['\u009f', 'APPLICATION PROGRAM COMMAND (C1)'],
  ['\ufeff', 'ZERO WIDTH NO-BREAK SPACE (byte-order mark)'],
];

const code = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('withoutUnsafeCharacters', () => {
  it.each(REMOVED.map(([char, name]) => [code(char), name, char]))('removes %s %s', (_code, _name, char) => {
    expect(withoutUnsafeCharacters(`hoa-don${char}fdp.exe`)).toBe('hoa-donfdp.exe');
    expect(withoutUnsafeCharacters(`${char}${char}đầu và cuối${char}`)).toBe('đầu và cuối');
  });

  it.each([
    ['U+2028', 'LINE SEPARATOR', '\u2028'],
    ['U+2029', 'PARAGRAPH SEPARATOR', '\u2029'],
  ])('turns %s %s into a space, so the words on both sides stay apart', (_code, _name, char) => {
    expect(withoutUnsafeCharacters(`Dòng một${char}Dòng hai`)).toBe('Dòng một Dòng hai');
  });

  it('removes all of them at once, wherever they are', () => {
    const all = REMOVED.map(([char]) => char).join('');
    expect(withoutUnsafeCharacters(`${all}Bình${all}An\u2028${all}`)).toBe('BìnhAn ');
  });

  it('keeps everything else: Vietnamese, other scripts, emoji joiners, line breaks, tabs', () => {
    for (const text of ['Ủy ban nhân dân tỉnh Bình An', 'عربي עברית', '👨\u200d👩\u200d👧', 'một\nhai\tba\r\nbốn', 'zero\u200bwidth', '']) {
      expect(withoutUnsafeCharacters(text)).toBe(text);
    }
  });

  it('answers the same for the same input (no regex state between calls)', () => {
    expect(withoutUnsafeCharacters('a\u202eb')).toBe('ab');
    expect(withoutUnsafeCharacters('a\u202eb')).toBe('ab');
  });
});

describe('withoutUnsafeCharactersDeep', () => {
  it('cleans every string inside objects and arrays, and leaves other values as they are', () => {
    const value = { title: 'Tin\u202e', views: 3, draft: false, none: null, tags: ['a\u2066b', 1], body: [{ children: [{ text: 'x\u2028y' }] }] };
    expect(withoutUnsafeCharactersDeep(value)).toEqual({
      title: 'Tin',
      views: 3,
      draft: false,
      none: null,
      tags: ['ab', 1],
      body: [{ children: [{ text: 'x y' }] }],
    });
    expect(value.title).toBe('Tin\u202e');
  });

  it('returns the very same objects when there is nothing to remove (records keep their identity)', () => {
    const clean = { title: 'Tin', body: [{ text: 'chữ' }] };
    const mixed = { clean, dirty: { title: 'Tin\u202e' } };
    expect(withoutUnsafeCharactersDeep(clean)).toBe(clean);
    const result = withoutUnsafeCharactersDeep(mixed);
    expect(result).not.toBe(mixed);
    expect(result.clean).toBe(clean);
    expect(result.dirty).toEqual({ title: 'Tin' });
  });

  it('keeps a "__proto__" key a plain key, as JSON.parse made it', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "x\u202e"}, "a": "b\u202e"}') as Record<string, unknown>;
    const result = withoutUnsafeCharactersDeep(parsed);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.a).toBe('b');
  });

  it('does not exhaust the stack on hostile nesting', () => {
    let deep: unknown = 'x\u202e';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => withoutUnsafeCharactersDeep(deep)).not.toThrow();
  });
});
