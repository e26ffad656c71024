/**
 * What a vitest globalSetup of another package may import (`cms/testing/setup`): nothing here touches
 * vitest's runtime, which globalSetup cannot use.
 */
export { createTestDatabase, freePort, type TestDatabase } from './database';
export { startCmsCluster, startCmsProcess, type CmsCluster, type CmsProcess } from './process';
export { prepareCmsTemplate, type CmsTemplate } from './template';
