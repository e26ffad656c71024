/**
 * `pnpm --filter publisher serve`: serves the built site (SITE_DIR, relative to the repository root;
 * apps/web/dist by default) on :4321. Reads the repository's .env.
 */
import '@portal/env/load';
import type { AddressInfo } from 'node:net';
import { repoPath } from '@portal/env';
import { counterUrl, createStaticServer } from 'web/site';

const root = repoPath(process.env.SITE_DIR || 'apps/web/dist');
const port = Number(process.env.SITE_PORT ?? 4321);
const host = process.env.SITE_HOST ?? '0.0.0.0';

const server = createStaticServer(() => root, { counterUrl: counterUrl(process.env) });
// The port actually bound is printed: SITE_PORT=0 picks a free one.
server.listen(port, host, () => console.log(`Serving ${root} on http://localhost:${(server.address() as AddressInfo).port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
