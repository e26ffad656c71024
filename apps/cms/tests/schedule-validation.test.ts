import { describe, expect, it } from 'vitest';
import { scheduleProblem } from '../src/schedule/validation';

const now = Date.parse('2026-12-01T03:00:00.000Z');
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

describe('a schedule checked before it is saved', () => {
  it('accepts future times in order, an empty schedule, and a saved time sent back unchanged even once past', () => {
    expect(scheduleProblem({ scheduledPublishAt: at(5), scheduledUnpublishAt: at(60) }, null, now)).toBeUndefined();
    expect(scheduleProblem({ scheduledPublishAt: null, scheduledUnpublishAt: '' }, null, now)).toBeUndefined();
    expect(scheduleProblem({ scheduledPublishAt: at(-1) }, { scheduledPublishAt: at(-1) }, now)).toBeUndefined();
  });

  it('refuses a new time in the past, naming the field and the time in Vietnam', () => {
    const problem = scheduleProblem({ scheduledPublishAt: at(-1) }, null, now);
    expect(problem?.message).toBe('Xuất bản lúc (scheduledPublishAt) is in the past: 01/12/2026 09:59 (giờ Việt Nam); choose a later time');
    expect(scheduleProblem({ scheduledUnpublishAt: at(-1) }, null, now)?.message).toMatch(/^Gỡ xuống lúc \(scheduledUnpublishAt\) is in the past/);
  });

  it('refuses an unpublish time not after the publish time, the saved one included', () => {
    expect(scheduleProblem({ scheduledPublishAt: at(10), scheduledUnpublishAt: at(10) }, null, now)?.message).toMatch(/must be after/);
    expect(scheduleProblem({ scheduledUnpublishAt: at(5) }, { scheduledPublishAt: at(10) }, now)?.message).toMatch(/must be after/);
    expect(scheduleProblem({ scheduledPublishAt: at(30) }, { scheduledUnpublishAt: at(20) }, now)?.message).toMatch(/must be after/);
  });

  it('refuses what is not a date-time', () => {
    expect(scheduleProblem({ scheduledPublishAt: 'ngày mai' }, null, now)?.message).toBe('Xuất bản lúc (scheduledPublishAt) is not a date-time');
    expect(scheduleProblem({ scheduledPublishAt: { at: 1 } }, null, now)?.message).toMatch(/not a date-time/);
  });
});
