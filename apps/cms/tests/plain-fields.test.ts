import { describe, expect, it } from 'vitest';
import { scalarFieldPaths, unconfiguredPaths } from '../src/graphql/plain-fields';

const SCALARS = new Set(['string', 'text', 'integer', 'blocks', 'json', 'uid', 'enumeration', 'datetime']);
const services = (disabled: string[] = []) => ({
  extension: { generate: () => ({}), shadowCRUD: (uid: string) => ({ isEnabled: () => !disabled.includes(uid) }) },
  utils: {
    naming: {
      getTypeName: (model: { uid: string }) => model.uid.split('.')[1].replace(/^./, (c) => c.toUpperCase()),
      getComponentName: () => 'ComponentSharedSeo',
    },
    attributes: { isStrapiScalar: (attribute: unknown) => SCALARS.has((attribute as { type: string }).type) },
  },
});

const article = {
  uid: 'api::article.article',
  modelType: 'contentType',
  attributes: {
    title: { type: 'string' },
    body: { type: 'blocks' },
    views: { type: 'integer' },
    secret: { type: 'string', private: true },
    cover: { type: 'media' },
    author: { type: 'relation' },
    seo: { type: 'component' },
  },
};
const seo = { uid: 'shared.seo', modelType: 'component', attributes: { metaTitle: { type: 'text' }, shareImage: { type: 'media' } } };

describe('scalarFieldPaths', () => {
  it('lists the public scalar attributes of each model, with documentId or a component’s id', () => {
    expect(scalarFieldPaths([article, seo], services())).toEqual([
      'Article.documentId',
      'Article.title',
      'Article.body',
      'Article.views',
      'ComponentSharedSeo.id',
      'ComponentSharedSeo.metaTitle',
    ]);
  });

  it('leaves out models without GraphQL types and admin models', () => {
    const admin = { uid: 'admin::user', attributes: { email: { type: 'string' } } };
    expect(scalarFieldPaths([article, admin], services(['api::article.article']))).toEqual([]);
  });
});

describe('unconfiguredPaths', () => {
  it('keeps Strapi’s wrapper wherever the extension configures or resolves the field', () => {
    const paths = ['Article.title', 'Article.body', 'Article.views', 'Article.slug'];
    const generated = {
      resolversConfig: { 'Article.title': { policies: ['global::is-editor'] }, 'Article.author': { auth: { scope: ['x'] } } },
      resolvers: { Article: { views: () => 0 } },
    };
    expect(unconfiguredPaths(paths, generated)).toEqual(['Article.body', 'Article.slug']);
    expect(unconfiguredPaths(paths, {})).toEqual(paths);
  });
});
