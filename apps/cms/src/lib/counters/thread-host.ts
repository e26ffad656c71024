import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CounterDatabase } from './database';
import type { BodyRead, CounterReply, CounterRequest } from './requests';
import { DATABASE_OPS, type FromThread, type ThreadStart, type ToThread } from './thread-messages';

export type HostLog = { info(message: string): void; warn(message: string): void; error(message: string): void };

const UNAVAILABLE: CounterReply = {
  status: 503,
  headers: { 'Cache-Control': 'no-store' },
  body: { error: { status: 503, message: 'The counter is unavailable: this hit was not counted' } },
};
const SHUTTING_DOWN: CounterReply = {
  status: 503,
  headers: { 'Cache-Control': 'no-store', Connection: 'close' },
  body: { error: { status: 503, message: 'The counter is shutting down: this hit was not counted' } },
};
const CLOSE_TIMEOUT_MS = 15_000;
const RESTART_DELAY_MS = 1_000;

/** thread.ts next to this file: compiled JavaScript in dist/ (where Strapi runs), TypeScript under tsx. */
const THREAD_FILE = path.join(__dirname, `thread${path.extname(__filename)}`);

/**
 * The main thread's side of the counters' thread (thread.ts): starts it, answers its database calls with
 * Strapi's connection, hands it the requests of the CMS's `/counter` route, and stops it last at shutdown
 * (after it wrote what is pending). A thread that dies is logged and started again; the hits it had
 * counted but not yet written (at most one flush interval's) are lost, as in a crash.
 */
export class CounterThread {
  private worker?: Worker;
  private nextRequest = 0;
  private readonly replies = new Map<number, (reply: CounterReply) => void>();
  private closing?: Promise<void>;
  /** The counters' own port once listening (the chosen one with COUNTER_PORT=0); null without one. */
  port: number | null = null;
  store: 'memory' | 'redis' | undefined;

  constructor(
    private readonly start: ThreadStart,
    private readonly database: CounterDatabase,
    private readonly log: HostLog,
  ) {}

  /** Resolves once the thread answers (its store ready); its port opens with `listen()`. */
  run(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(THREAD_FILE, { workerData: this.start });
      this.worker = worker;
      let started = false;
      worker.on('message', (message: FromThread) => {
        if (message.type === 'ready') {
          started = true;
          this.store = message.store;
          // A thread started again after a failure opens its port again.
          if (this.listening) worker.postMessage({ type: 'listen' } satisfies ToThread);
          resolve();
        } else if (message.type === 'listening') {
          this.port = message.port;
          this.listened?.resolve(message.port);
        } else if (message.type === 'failed') {
          // At start this stops the CMS (index.ts); for a thread started again, it is logged.
          this.log.error(`Counters: ${message.message}`);
          this.listened?.reject(new Error(message.message));
        } else {
          this.receive(worker, message);
        }
      });
      worker.on('error', (error) => {
        if (!started) reject(error);
        else this.log.error(`Counters: the counters' thread failed: ${error.stack ?? error.message}`);
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = undefined;
        for (const [id, answer] of this.replies) {
          this.replies.delete(id);
          answer(UNAVAILABLE);
        }
        if (!started) {
          reject(new Error(`The counters' thread stopped before it served (exit code ${code})`));
          return;
        }
        if (this.closing) return;
        this.log.error(`Counters: the counters' thread stopped (exit code ${code}); starting it again`);
        setTimeout(() => {
          if (this.closing) return;
          this.run().catch((error: Error) => this.log.error(`Counters: the counters' thread could not start again: ${error.message}`));
        }, RESTART_DELAY_MS).unref();
      });
    });
  }

  private receive(worker: Worker, message: FromThread): void {
    if (message.type === 'reply') {
      const answer = this.replies.get(message.id);
      this.replies.delete(message.id);
      answer?.(message.reply);
    } else if (message.type === 'db') {
      const { id, op } = message;
      const send = (result: ToThread) => worker.postMessage(result);
      if (!DATABASE_OPS.has(op)) {
        send({ type: 'db-result', id, ok: false, message: `unknown database call ${JSON.stringify(op)}` });
        return;
      }
      const database = this.database as Record<string, (...args: unknown[]) => Promise<unknown>>;
      database[op](...message.args).then(
        (value) => send({ type: 'db-result', id, ok: true, value }),
        (error: Error) => send({ type: 'db-result', id, ok: false, message: error.message }),
      );
    } else if (message.type === 'log') {
      this.log[message.level](message.message);
    }
  }

  private listened?: { resolve: (port: number) => void; reject: (error: Error) => void };
  /** The counters' own port once open (`listen()`); rejected when it cannot be (the port taken). */
  listening?: Promise<number>;

  /**
   * Opens the counters' own port (COUNTER_PORT), once the CMS serves: a command that only loads Strapi
   * (a console, an import) opens none, so it never collides with the running CMS's.
   */
  listen(): Promise<number> {
    this.listening ??= new Promise<number>((resolve, reject) => {
      this.listened = { resolve, reject };
      this.worker?.postMessage({ type: 'listen' } satisfies ToThread);
    });
    return this.listening;
  }

  /** One request of the CMS's `/counter` route, answered by the thread; 503 while it is not running. */
  handle(request: CounterRequest, body: BodyRead | undefined): Promise<CounterReply> {
    const worker = this.worker;
    if (this.closing) return Promise.resolve(SHUTTING_DOWN);
    if (!worker) return Promise.resolve(UNAVAILABLE);
    const id = ++this.nextRequest;
    return new Promise((resolve) => {
      this.replies.set(id, resolve);
      worker.postMessage({ type: 'request', id, request, body } satisfies ToThread);
    });
  }

  /**
   * Shutdown: the thread refuses new hits, finishes the ones being counted and writes everything pending
   * through this thread's database connection, which must still be open until this resolves.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const worker = this.worker;
      if (!worker) return;
      const closed = new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.on('message', (message: FromThread) => message.type === 'closed' && done());
        worker.once('exit', done);
        setTimeout(() => {
          this.log.error(`Counters: the counters' thread did not finish writing within ${CLOSE_TIMEOUT_MS / 1000} s; stopping it`);
          done();
        }, CLOSE_TIMEOUT_MS).unref();
      });
      worker.postMessage({ type: 'close' } satisfies ToThread);
      await closed;
      await worker.terminate();
    })();
    return this.closing;
  }
}
