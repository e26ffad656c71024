import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

/**
 * Deletes old release folders in the background. Removing a release (tens of thousands of files and
 * folders on a large site) takes seconds of file system work that a build running at the same time would
 * wait on, so deletion runs only between builds: pause() stops it (the `rm` is killed; a later `rm -rf`
 * takes up what is left), resume() goes on. It runs at the lowest CPU and I/O priority where the system
 * has `nice` and `ionice`, and falls back to deleting from this process.
 */
export class Trash {
  private readonly folders: string[] = [];
  private active: ChildProcess | undefined;
  private paused = false;
  private idle: Array<() => void> = [];

  /** Queues a folder (already renamed out of the way) for deletion. */
  add(dir: string): void {
    this.folders.push(dir);
    this.next();
  }

  pause(): void {
    this.paused = true;
    this.active?.kill('SIGKILL');
  }

  resume(): void {
    this.paused = false;
    this.next();
  }

  /** Resolves once every queued folder is deleted (and at once when none is). */
  emptied(): Promise<void> {
    if (this.folders.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private next(): void {
    if (this.active || this.paused) return;
    const dir = this.folders[0];
    if (dir === undefined) {
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    const child = spawn('nice', ['-n', '19', 'ionice', '-c', '2', '-n', '7', 'rm', '-rf', '--', dir], { stdio: 'ignore' });
    this.active = child;
    const done = (deleted: boolean) => {
      if (this.active !== child) return;
      this.active = undefined;
      if (deleted) this.folders.shift();
      this.next();
    };
    child.on('error', () => {
      // No `nice` here: delete from this process instead (not interruptible, but correct).
      void rm(dir, { recursive: true, force: true }).then(
        () => done(true),
        () => done(true),
      );
    });
    child.on('exit', (code, signal) => {
      if (code === 0) done(true);
      else if (signal)
        done(false); // paused: taken up again on resume()
      else
        void rm(dir, { recursive: true, force: true }).then(
          () => done(true),
          () => done(true),
        );
    });
  }
}
