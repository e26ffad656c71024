/** `pnpm --filter publisher serve`: serves the built site (apps/web/dist) on :4321. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStaticServer } from './static-server';

const root = path.resolve(process.env.SITE_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist'));
const port = Number(process.env.SITE_PORT ?? 4321);
const host = process.env.SITE_HOST ?? '0.0.0.0';

const server = createStaticServer(() => root);
server.listen(port, host, () => console.log(`Serving ${root} on http://localhost:${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
