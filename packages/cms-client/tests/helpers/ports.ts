import { createServer, type AddressInfo } from 'node:net';

/** A port of 127.0.0.1 that nothing listens on (it was free a moment ago and has just been closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
