import type { Core } from '@strapi/strapi';
import { actingAs } from '../audit/actor';
import { recordAudit } from '../audit/trail';
import { ARTICLE, instantOf, SCHEDULE_FIELDS, type ScheduleKind } from './fields';
import type { RedisScheduleLock } from './redis-lock';
import type { ScheduleSettings } from './settings';

/**
 * Runs the articles' schedules (fields.ts). States of one schedule: set on the draft → due (its time has
 * come) → claimed (cleared, in the run's transaction) → run (published or unpublished through the document
 * service, so the publisher's webhook fires once the transaction commits) and recorded in the audit trail.
 *
 * Once, whatever the number of CMS instances: the claim is `UPDATE … SET field = NULL WHERE document_id = ?
 * AND field = <the time read>` in the transaction of the run. One instance's update finds the row; another's
 * finds nothing (PostgreSQL re-reads the row after the first commits; SQLite has one writer at a time), and a
 * failed run rolls its claim back. With REDIS_URL, a lease in Redis first spares the others the attempt.
 * Every poll (SCHEDULE_POLL_MS) and at start: a time missed while no CMS ran is caught up at once.
 */

type Due = { documentId: string; time: number };
type Log = Pick<Core.Strapi['log'], 'info' | 'warn' | 'error'>;

/** Schedules run per poll and kind at most; the next poll takes the rest. */
const BATCH = 50;
/** A Redis lease outlives any run; the key holds the time, so a new time is a new lease. */
const LEASE_MS = 10 * 60_000;
const SCHEDULER = 'scheduler';

export class Scheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly settings: ScheduleSettings,
    private readonly lock: RedisScheduleLock | undefined,
    private readonly log: Log,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.settings.pollMs);
    void this.poll();
  }

  /** One pass over what is due; a pass still running is waited for rather than doubled. */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.runDue()
      .catch((error: unknown) => {
        this.log.error(`Scheduled publishing: ${(error as Error).message}`);
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Stops polling and waits for the pass in flight (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.lock?.close();
  }

  private async runDue(): Promise<void> {
    // Publishing first: an article due for both in one pass ends unpublished, as its times say.
    for (const kind of ['publish', 'unpublish'] as const) {
      for (const due of await this.dueNow(kind)) {
        if (this.stopped) return;
        await this.runOne(kind, due);
      }
    }
  }

  private async dueNow(kind: ScheduleKind): Promise<Due[]> {
    const field = SCHEDULE_FIELDS[kind];
    const rows = (await this.strapi.db.query(ARTICLE).findMany({
      select: ['documentId', field],
      where: { publishedAt: null, [field]: { $notNull: true, $lte: new Date() } },
      orderBy: { [field]: 'asc' },
      limit: BATCH,
    })) as Array<Record<string, unknown> & { documentId: string }>;
    return rows.map((row) => ({ documentId: row.documentId, time: instantOf(row[field]) ?? 0 }));
  }

  /** Clears the schedule if it still says `due.time`; true when this call cleared it. */
  private async claim(kind: ScheduleKind, due: Due): Promise<boolean> {
    const field = SCHEDULE_FIELDS[kind];
    const { count } = await this.strapi.db.query(ARTICLE).updateMany({
      where: { documentId: due.documentId, publishedAt: null, [field]: new Date(due.time) },
      data: { [field]: null },
    });
    return count > 0;
  }

  private async runOne(kind: ScheduleKind, due: Due): Promise<void> {
    if (this.lock && !(await this.lock.take(`${kind}:${due.documentId}:${due.time}`, LEASE_MS))) return;
    const articles = this.strapi.documents(ARTICLE);
    try {
      await actingAs(SCHEDULER, () =>
        this.strapi.db.transaction(async () => {
          // Another instance ran it, or an editor changed the time since it was read.
          if (!(await this.claim(kind, due))) return;
          if (kind === 'publish') {
            await articles.publish({ documentId: due.documentId });
            return;
          }
          const published = await this.strapi.db.query(ARTICLE).count({
            where: { documentId: due.documentId, publishedAt: { $notNull: true } },
          });
          if (published > 0) await articles.unpublish({ documentId: due.documentId });
          else await this.record(kind, due, 'unpublished', 'Bài chưa xuất bản: không có gì để gỡ');
        }),
      );
    } catch (error) {
      // The run rolled back and the time is still set: cleared here with the reason in the audit trail, so
      // that an article that cannot be published (a required field empty) is not retried every poll for ever.
      const message = (error as Error).message;
      this.log.error(`Scheduled ${kind} of article ${due.documentId} failed: ${message}`);
      await actingAs(SCHEDULER, () =>
        this.strapi.db.transaction(async () => {
          if (await this.claim(kind, due)) await this.record(kind, due, `${kind}-failed`, message);
        }),
      );
    }
  }

  private async record(kind: ScheduleKind, due: Due, action: 'unpublished' | `${ScheduleKind}-failed`, detail: string): Promise<void> {
    const row = (await this.strapi.db.query(ARTICLE).findOne({ select: ['title'], where: { documentId: due.documentId, publishedAt: null } })) as {
      title?: string;
    } | null;
    await recordAudit(this.strapi, [{ uid: ARTICLE, documentId: due.documentId, label: row?.title ?? null, action, detail }]);
  }
}
