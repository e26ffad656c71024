import { isEmpty, mergeWork, noWork, type Work } from './events';

export type QueueOptions = {
  /** Quiet time after the last event before a build starts. */
  debounceMs: number;
  /** Longest an event waits for its build while events keep coming. */
  maxWaitMs: number;
  /** Runs one build for a batch of work; never called twice at once. */
  run: (work: Work) => Promise<void>;
};

/**
 * The build queue: coalesces events into builds — a short debounce with a maximum wait, one build at a
 * time, and everything that arrives during a build merged into a single follow-up build. Its states:
 *
 *   idle      nothing pending, no build running
 *   waiting   work pending, a timer set: the debounce after the last event, capped by the maximum wait
 *   running   one build runs; work that arrives is pending for the follow-up, scheduled when it ends
 *   stopped   after drain(): new work is ignored, the running build (if any) is awaited
 *
 * The runner reports its own failures (Publisher.build never throws); the queue only keeps going.
 */
export class BuildQueue {
  private pending: Work = noWork();
  private firstPendingAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: QueueOptions) {}

  /** Work waiting for the next build. */
  get waiting(): Work {
    return this.pending;
  }

  /** Adds work; the build starts after the debounce, or at once when the maximum wait is reached. */
  add(work: Work): void {
    if (this.stopped || isEmpty(work)) return;
    if (isEmpty(this.pending)) this.firstPendingAt = Date.now();
    mergeWork(this.pending, work);
    this.schedule();
  }

  private schedule(): void {
    if (this.running) return; // the follow-up is scheduled when the running build ends
    clearTimeout(this.timer);
    const waited = Date.now() - this.firstPendingAt;
    const delay = Math.max(0, Math.min(this.options.debounceMs, this.options.maxWaitMs - waited));
    this.timer = setTimeout(() => this.start(), delay);
  }

  private start(): void {
    if (this.running || isEmpty(this.pending) || this.stopped) return;
    const work = this.pending;
    this.pending = noWork();
    this.running = this.options
      .run(work)
      .catch(() => undefined) // the runner reports its own failures
      .finally(() => {
        this.running = undefined;
        if (!isEmpty(this.pending) && !this.stopped) this.schedule();
      });
  }

  /** Stops taking work and waits for the running build, if any. */
  async drain(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
