/**
 * The CDN purge: after a release goes live, tells the CDN in front of the site which paths changed, so that
 * readers stop getting the old copies before their cache time runs out. It never holds up or fails a
 * release: requests go out in the background, are retried with backoff, and their outcome is only logged
 * and shown on the status page.
 *
 * The request: `POST <PURGE_URL>` with `{"paths": [...], "release": "<name>"}` (JSON), and
 * `Authorization: Bearer <PURGE_TOKEN>` when a token is set. `paths` are the site's URL paths (`/`,
 * `/bai-viet/<slug>/`, `/rss.xml`); `["/*"]` means everything (a full build, a rollback).
 *
 * States: idle ──request──► sending ──2xx──► idle (success)
 *                            sending ──5xx, 408, 429, network error, timeout──► waiting (backoff) ──► sending
 *                            sending ──other status, or retries used up──► idle (failed)
 * Requests that arrive while one is being sent wait and are merged into one (their paths united, the newest
 * release named), so a CDN that is down is asked once per outage rather than once per release.
 */

/** Every path of the site: what a full build or a rollback purges. */
export const PURGE_EVERYTHING = '/*';

export type PurgeSettings = {
  url: string;
  token: string | undefined;
  /** Retries after the first attempt. */
  retries: number;
  /** Wait before the first retry, doubled before each next one (ms). */
  backoffMs: number;
  /** How long one attempt may take (ms). */
  timeoutMs: number;
};

export type PurgeOutcome = {
  release: string;
  paths: number;
  finishedAt: string;
  attempts: number;
  result: 'success' | 'failed';
  error?: string;
};

/** Statuses worth asking again: the CDN is busy or failing, not refusing the request itself. */
const RETRIED = (status: number) => status >= 500 || status === 408 || status === 429;

class Refused extends Error {}

export class CdnPurge {
  private waiting: { release: string; paths: Set<string> } | null = null;
  private sending = false;

  constructor(
    private readonly settings: PurgeSettings,
    private readonly report: { ended: (outcome: PurgeOutcome) => void; log: (line: string) => void },
  ) {}

  /** `release` is live with `paths` changed (null: everything). Returns at once; the request follows. */
  request(release: string, paths: Iterable<string> | null): void {
    const next = this.waiting ?? { release, paths: new Set<string>() };
    next.release = release;
    for (const path of paths ?? [PURGE_EVERYTHING]) next.paths.add(path);
    if (next.paths.has(PURGE_EVERYTHING)) next.paths = new Set([PURGE_EVERYTHING]);
    this.waiting = next;
    if (!this.sending) void this.drain();
  }

  /** Whether a purge is being sent or waits to be. */
  get busy(): boolean {
    return this.sending || this.waiting !== null;
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.waiting) {
      const { release, paths } = this.waiting;
      this.waiting = null;
      this.report.ended(await this.send(release, [...paths]));
    }
    this.sending = false;
  }

  /** Sends one purge, retrying as the header says; resolves with its outcome, never rejects. */
  private async send(release: string, paths: string[]): Promise<PurgeOutcome> {
    const { retries, backoffMs } = this.settings;
    let error = '';
    let attempts = 0;
    const outcome = (result: PurgeOutcome['result']): PurgeOutcome => ({
      release,
      paths: paths.length,
      finishedAt: new Date().toISOString(),
      attempts,
      result,
      ...(result === 'failed' ? { error } : {}),
    });
    while (attempts <= retries) {
      if (attempts > 0) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempts - 1)));
      attempts++;
      try {
        await this.attempt(release, paths);
        this.report.log(`CDN purge of ${paths.length} paths for ${release}: done (attempt ${attempts})`);
        return outcome('success');
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
        const last = failure instanceof Refused || attempts > retries;
        this.report.log(`CDN purge for ${release} failed (attempt ${attempts}): ${error}${last ? '; the release stays live' : '; retrying'}`);
        if (failure instanceof Refused) break;
      }
    }
    return outcome('failed');
  }

  private async attempt(release: string, paths: string[]): Promise<void> {
    const { url, token, timeoutMs } = this.settings;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ paths, release }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new Error(error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `unreachable${cause}`);
    }
    const text = (await response.text().catch(() => '')).slice(0, 200);
    if (response.ok) return;
    const message = `HTTP ${response.status}${text ? ` ${text}` : ''}`;
    throw RETRIED(response.status) ? new Error(message) : new Refused(message);
  }
}
