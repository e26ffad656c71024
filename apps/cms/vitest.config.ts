import { cmsTestConfig } from './tests/helpers/vitest-config';

export default cmsTestConfig();
