import { mergeConfig } from 'vitest/config';
import { cmsTestConfig } from './tests/helpers/vitest-config';

export default mergeConfig(cmsTestConfig(), {
  test: {
    // graphql ships an ES module build (index.mjs, which vite resolves) and a CommonJS one (index.js, which
    // Node resolves for an external package's `import 'graphql'`): two copies whose types fail each other's
    // instanceof checks. Let vite load graphql-query-complexity, so that it shares the tests' copy. (Strapi
    // loads everything as CommonJS: one copy there.)
    server: { deps: { inline: ['graphql-query-complexity'] } },
  },
});
