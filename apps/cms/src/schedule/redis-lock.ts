import { Redis } from 'ioredis';

/**
 * A lease in Redis (`<prefix>schedule:<kind>:<documentId>:<time>`, SET NX PX) that one CMS instance takes
 * before it runs a schedule, so that the others do not even try. It spares the database a race; it is not
 * what makes a run happen once: the claim in the database (scheduler.ts) is. When Redis cannot be reached,
 * `take` answers true and the database alone decides.
 */
export class RedisScheduleLock {
  private readonly client: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly onError: (message: string) => void,
  ) {
    // Commands wait for the connection (the offline queue) but never longer than commandTimeout.
    this.client = new Redis(url, { maxRetriesPerRequest: 0, connectTimeout: 2_000, commandTimeout: 2_000 });
    this.client.on('error', () => undefined); // reported by the failing calls
  }

  /** True when this instance holds the lease on `name` for `leaseMs` (or Redis is down). */
  async take(name: string, leaseMs: number): Promise<boolean> {
    try {
      return (await this.client.set(`${this.prefix}schedule:${name}`, String(process.pid), 'PX', leaseMs, 'NX')) === 'OK';
    } catch (error) {
      this.onError(`Scheduled publishing: Redis lock unavailable (${(error as Error).message}); the database decides alone`);
      return true;
    }
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
