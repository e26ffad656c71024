import { createConnection } from 'node:net';

/** Resolves when `url` answers with a status below 500; rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}

/** True when something already listens on host:port. */
export function isPortTaken(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves when the publisher's first build is live; rejects with the build's error when it failed. */
export async function waitForFirstBuild(statusUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const status = (await (await fetch(statusUrl, { signal: AbortSignal.timeout(2000) })).json()) as {
        live: { release: string | null };
        lastBuild: { result: string; error?: string } | null;
      };
      if (status.live.release) return;
      if (status.lastBuild?.result === 'failed') throw new Error(`the first site build failed: ${status.lastBuild.error}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('the first site build')) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the site was not built within ${Math.round(timeoutMs / 1000)} s`);
}
