// A relative import: vitest bundles its config with esbuild, which leaves workspace packages to Node,
// and Node cannot load the cms package's TypeScript.
import { cmsTestConfig } from '../../apps/cms/tests/helpers/vitest-config';

export default cmsTestConfig();
