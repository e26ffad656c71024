/** `pnpm --filter publisher serve`: serves the built site (apps/web/dist) on :4321. */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStaticServer } from './static-server';

const root = path.resolve(process.env.SITE_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist'));
const port = Number(process.env.SITE_PORT ?? 4321);
const host = process.env.SITE_HOST ?? '0.0.0.0';

const server = createStaticServer(() => root);
// The port actually bound is printed: SITE_PORT=0 picks a free one.
server.listen(port, host, () => console.log(`Serving ${root} on http://localhost:${(server.address() as AddressInfo).port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
