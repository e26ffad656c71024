import { describe, expect, it } from 'vitest';
import { addEvent, noWork, type Work } from '../src/events';
import { BuildQueue } from '../src/queue';

const article = (id: string) => addEvent(noWork(), { event: 'entry.publish', model: 'article', documentId: id });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BuildQueue', () => {
  it('turns a storm of 100 events into at most 3 builds that end with the last event', async () => {
    const builds: Work[] = [];
    const queue = new BuildQueue({
      // The publisher's defaults.
      debounceMs: 300,
      maxWaitMs: 2000,
      run: async (work) => {
        builds.push(work);
        await sleep(500);
      },
    });
    for (let i = 0; i < 100; i++) {
      queue.add(article(`a${i}`));
      await sleep(10);
    }
    await sleep(1500);
    await queue.drain();
    expect(builds.length).toBeGreaterThanOrEqual(1);
    expect(builds.length).toBeLessThanOrEqual(3);
    const all = new Set(builds.flatMap((work) => [...work.articles]));
    expect(all.size).toBe(100);
    expect([...builds[builds.length - 1].articles]).toContain('a99');
  });

  it('never runs two builds at once and merges what arrives meanwhile into one follow-up', async () => {
    let running = 0;
    let maxRunning = 0;
    const builds: Work[] = [];
    const queue = new BuildQueue({
      debounceMs: 10,
      maxWaitMs: 50,
      run: async (work) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        builds.push(work);
        await sleep(100);
        running--;
      },
    });
    queue.add(article('first'));
    await sleep(30);
    queue.add(article('second'));
    queue.add(addEvent(noWork(), { event: 'entry.update', model: 'site-setting' }));
    queue.add(article('third'));
    await sleep(400);
    await queue.drain();
    expect(maxRunning).toBe(1);
    expect(builds).toHaveLength(2);
    expect([...builds[1].articles]).toEqual(['second', 'third']);
    expect(builds[1].full).toBe(true);
  });
});
