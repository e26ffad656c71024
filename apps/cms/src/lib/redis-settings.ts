/**
 * The one Redis every in-memory state of the CMS moves to when several instances run (rate limits, the
 * response cache, the counters, the scheduler's lease): REDIS_URL, and REDIS_PREFIX, the prefix of every key
 * the portal writes (each part adds its own: `<prefix>rate-limit:`, `<prefix>cache:`, …), so that several
 * portals can share one Redis. An invalid value stops the start with the variable's name.
 */
export type RedisSettings = { url: string | undefined; prefix: string };

export function redisSettings(env: NodeJS.ProcessEnv = process.env): RedisSettings {
  const url = env.REDIS_URL?.trim() || undefined;
  if (url !== undefined) {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      throw new Error(`REDIS_URL: "${url}" is not a URL (expected e.g. redis://127.0.0.1:6379)`);
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:') throw new Error(`REDIS_URL must start with redis:// or rediss:// (got "${url}")`);
  }
  const prefix = env.REDIS_PREFIX?.trim() || 'portal:';
  if (!/^[\w:.-]{1,100}$/.test(prefix)) throw new Error(`REDIS_PREFIX: letters, digits and _ : . - only (got "${prefix}")`);
  return { url, prefix };
}
