import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkDocument, countTokens, expandedFieldCount, introspectionListDepth } from '../src/lib/graphql-document';

const LIMITS = { maxDocumentBytes: 16 * 1024, maxTokens: 2000, maxFields: 2000, maxIntrospectionLists: 3 };

/** `query { ...F0 }` where each F(i) spreads F(i+1) twice: 2^n fields once expanded, from a document of n lines. */
function fanOut(levels: number, on = 'Query', leaf = '__typename'): string {
  let document = 'query { ...F0 }\n';
  for (let i = 0; i < levels; i++) document += `fragment F${i} on ${on} { ...F${i + 1} ...F${i + 1} }\n`;
  return `${document}fragment F${levels} on ${on} { ${leaf} }`;
}

describe('countTokens', () => {
  it('counts as graphql does: punctuation, names and values, not comments or commas', () => {
    expect(countTokens('{ a }')).toBe(3);
    expect(countTokens('{ a(x: 1, y: "s") }')).toBe(11);
    expect(countTokens('# a long comment\n{ a }')).toBe(3);
  });

  it('leaves text that does not lex to the parser', () => {
    expect(countTokens('{ a "unterminated }')).toBeUndefined();
  });
});

describe('expandedFieldCount', () => {
  it('counts fields, with fragments counted where they are spread', () => {
    expect(expandedFieldCount(parse('{ a { b c } d }'))).toBe(4);
    expect(expandedFieldCount(parse('{ a { ...F } b { ...F } } fragment F on T { x y }'))).toBe(6);
    expect(expandedFieldCount(parse('{ ... on Query { a } }'))).toBe(1);
  });

  it('counts a fan-out of fragments exactly, without walking it', () => {
    expect(expandedFieldCount(parse(fanOut(26)))).toBe(2 ** 26);
    expect(expandedFieldCount(parse(fanOut(200)))).toBe(2 ** 200);
  });

  it('terminates on a fragment cycle and on unknown fragments', () => {
    expect(expandedFieldCount(parse('{ ...A } fragment A on Query { a ...B } fragment B on Query { b ...A }'))).toBe(2);
    expect(expandedFieldCount(parse('{ a ...Missing }'))).toBe(1);
  });
});

describe('introspectionListDepth', () => {
  it('is 3 for the standard introspection query, with every option', () => {
    expect(introspectionListDepth(parse(getIntrospectionQuery()))).toBe(3);
    const all = { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true };
    expect(introspectionListDepth(parse(getIntrospectionQuery({ ...all, oneOf: true })))).toBe(3);
  });

  it('counts lists below __schema and __type, through fragments', () => {
    expect(introspectionListDepth(parse('{ __schema { types { fields { args { type { fields { name } } } } } } }'))).toBe(4);
    expect(introspectionListDepth(parse('{ __type(name: "Article") { fields { type { fields { type { enumValues { name } } } } } } }'))).toBe(3);
    expect(
      introspectionListDepth(
        parse(
          '{ __schema { ...S } } fragment S on __Schema { types { ...T } } fragment T on __Type { fields { args { name } interfaces { name } } }',
        ),
      ),
    ).toBe(3);
    expect(
      introspectionListDepth(
        parse('{ __schema { types { ...T } } } fragment T on __Type { fields { type { ...U } } } fragment U on __Type { fields { args { name } } }'),
      ),
    ).toBe(4);
    // A cycle terminates (checkDocument refuses cycles before this count is asked for).
    expect(introspectionListDepth(parse('{ __schema { types { ...T } } } fragment T on __Type { fields { type { ...T } } }'))).toBe(2);
  });

  it('goes by field names: aliases and names of operations or fragments do not make introspection', () => {
    expect(introspectionListDepth(parse('query __schema { fields: articles { fields: relatedArticles { title } } }'))).toBe(0);
    expect(introspectionListDepth(parse('{ __schema: articles { types: relatedArticles { fields: relatedArticles { title } } } }'))).toBe(0);
    expect(introspectionListDepth(parse('{ t: __schema { l1: types { l2: fields { l3: args { l4: type { fields { name } } } } } } }'))).toBe(4);
  });
});

describe('checkDocument', () => {
  const check = (source: string, limits = LIMITS) => checkDocument(source, limits);

  it('lets the client-sized documents and the introspection query through', () => {
    expect(check(getIntrospectionQuery())).toBeUndefined();
    expect(check('query Page($page: Int!) { articles_connection(pagination: { page: $page, pageSize: 100 }) { nodes { title } } }')).toBeUndefined();
  });

  it('leaves syntax errors to Apollo, which reports them with their position', () => {
    expect(check('{ articles { ')).toBeUndefined();
    expect(check('{ a "unterminated }')).toBeUndefined();
  });

  it('refuses each limit with a message naming it and its value', () => {
    const cases: Array<[string, string, RegExp, number, number?]> = [
      [`# ${'x'.repeat(17_000)}\n{ a }`, 'documentBytes', /^Query document has 17008 bytes; at most 16384 are allowed$/, 16384, 17008],
      [`{ ${'a '.repeat(2001)}}`, 'tokens', /^Query has 2003 tokens; at most 2000 are allowed$/, 2000, 2003],
      [fanOut(20), 'fields', /^Query has 1048576 fields once its fragments are expanded; at most 2000 are allowed$/, 2000, 2 ** 20],
      [fanOut(150), 'fields', /^Query has more than 2000 fields once its fragments are expanded; at most 2000 are allowed$/, 2000],
      [
        '{ __schema { types { fields { args { type { fields { name } } } } } } }',
        'introspectionLists',
        /^Introspection query nests 4 lists; at most 3 are allowed$/,
        3,
        4,
      ],
    ];
    for (const [source, limit, message, allowed, found] of cases) {
      const error = check(source);
      expect(error?.message, limit).toMatch(message);
      expect(error?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit, allowed });
      expect(error?.extensions.found).toBe(found);
    }
  });

  it('counts bytes, not characters', () => {
    const vietnamese = `{ a(s: "${'ệ'.repeat(6000)}") }`; // 3 bytes each in UTF-8
    expect(vietnamese.length).toBeLessThan(16 * 1024);
    expect(check(vietnamese)?.extensions.limit).toBe('documentBytes');
  });

  it('refuses fragment cycles with graphql’s own validation message, however they are written', () => {
    const cycles: Array<[string, string]> = [
      ['query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }', 'Cannot spread fragment "A" within itself via "B".'],
      ['{ ...A } fragment A on Query { ...A }', 'Cannot spread fragment "A" within itself.'],
      [
        '{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { ...A }',
        'Cannot spread fragment "A" within itself via "B", "C".',
      ],
      ['{ articles { ...A } } fragment A on Article { relatedArticles { ... on Article { ...A } } }', 'Cannot spread fragment "A" within itself.'],
      ['fragment A on Query { ...B } fragment B on Query { ...A } { __typename }', 'Cannot spread fragment "A" within itself via "B".'],
    ];
    for (const [source, message] of cycles) {
      const error = check(source);
      expect(error?.message, source).toBe(message);
      expect(error?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('refuses spreads of fragments that do not exist, with graphql’s own message', () => {
    expect(check('{ ...Missing }')?.message).toBe('Unknown fragment "Missing".');
    expect(check('{ articles { ...constructor } }')?.message).toBe('Unknown fragment "constructor".');
    expect(check('{ articles { ...A } } fragment A on Article { ...__proto__ }')?.message).toBe('Unknown fragment "__proto__".');
  });

  it('checks size before it lexes and tokens before it parses, so oversized documents cost little', () => {
    const huge = `{ ${'a '.repeat(100_000)}}`;
    expect(check(huge)?.extensions.limit).toBe('documentBytes');
    expect(check(huge, { ...LIMITS, maxDocumentBytes: 1024 * 1024 })?.extensions.limit).toBe('tokens');
  });
});
