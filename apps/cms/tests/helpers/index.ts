/**
 * Test helpers for other workspace packages (the client, the site): a real CMS on a temporary database.
 * Imported as `cms/testing`.
 */
export { bootCms, type Cms } from './cms';
export { createTestDatabase, dbKind, type DbKind } from './database';
export { apiToken, fullAccessToken, graphql, rest } from './http';
export { bootEmptyCms, bootSeededCms } from './seeded';
export { startCmsCluster, startCmsProcess, type CmsCluster, type CmsProcess } from './process';
export { prepareCmsTemplate, type CmsTemplate } from './template';
export { testPhoto } from './images';
export { foldForSearch, searchTextOf } from '../../src/lib/search-text';
export { plantRelationCases, type RelationFixtures } from '../fixtures/relations';
