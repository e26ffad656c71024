import type { CounterDatabase } from './database';
import type { BodyRead, CounterReply, CounterRequest, ProxySettings } from './requests';

/**
 * What the CMS's main thread and the counters' thread (thread.ts) say to each other. The counters' thread
 * never touches the database itself: it asks the main thread, which owns Strapi's connection, and only for
 * what no cache answers (an article's published state once per change of content, a total once, "Đọc nhiều"
 * every 10 s in the background, the increments every second).
 */

export type ThreadStart = {
  /** COUNTER_PORT: the counters' own port, opened on `listen`; 0 any free one; null none (only the CMS's `/counter`). */
  port: number | null;
  host: string;
  proxy: ProxySettings;
  /**
   * The response cache's generation when it is kept in this process's memory (an Int32Array's buffer the
   * main thread increments on every change of published content); undefined with Redis, where the thread
   * reads it there like every instance.
   */
  generation: SharedArrayBuffer | undefined;
};

export type DatabaseCall = { [Name in keyof CounterDatabase]: { op: Name; args: Parameters<CounterDatabase[Name]> } }[keyof CounterDatabase];

export type ToThread =
  | { type: 'request'; id: number; request: CounterRequest; body: BodyRead | undefined }
  | { type: 'db-result'; id: number; ok: true; value: unknown }
  | { type: 'db-result'; id: number; ok: false; message: string }
  | { type: 'listen' }
  | { type: 'close' };

export type FromThread =
  | { type: 'ready'; store: 'memory' | 'redis' }
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; reply: CounterReply }
  | ({ type: 'db'; id: number } & DatabaseCall)
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'closed' };

export const DATABASE_OPS: ReadonlySet<string> = new Set<keyof CounterDatabase>(['publishedArticle', 'readTotals', 'writeIncrements', 'mostRead']);
