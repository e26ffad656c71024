/**
 * Which processes have a file open, read from Linux's /proc (where the portal runs): a restore must not
 * rename a database away under a CMS that keeps writing to it. SQLite itself cannot tell: in its rollback
 * journal mode, which Strapi uses, an idle connection holds no lock. Processes of other users, or in other
 * containers, are not visible; elsewhere than Linux the answer is empty.
 */
import { readdir, readlink, realpath } from 'node:fs/promises';

export async function processesUsing(file: string): Promise<number[]> {
  const target = await realpath(file).catch(() => file);
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  const users: number[] = [];
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === target) {
        users.push(Number(pid));
        break;
      }
    }
  }
  return users;
}
