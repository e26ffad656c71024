/**
 * `import '@portal/env/load'` as a program's first import: the repository's .env file under the process
 * environment (exported variables win), before any other module reads its configuration.
 */
import { applyEnvFile } from './repo';

applyEnvFile();
