import { describe, expect, it } from 'vitest';
import { writeSteps } from '../src/audit/changes';

const attributes = {
  title: { type: 'string' },
  lead: { type: 'text' },
  author: { type: 'relation' },
  reviewState: { type: 'enumeration' },
  reviewNote: { type: 'text' },
  scheduledPublishAt: { type: 'datetime' },
  scheduledUnpublishAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
};
const stored = { title: 'Tin', lead: 'Tóm tắt', reviewState: 'writing', reviewNote: null, scheduledPublishAt: null, scheduledUnpublishAt: null };
const names = (steps: Array<{ action: string }>) => steps.map((step) => step.action);

describe('the steps a write records', () => {
  it('a change of reviewState to awaitingReview is "submitted", to returned is "returned" with the note', () => {
    expect(names(writeSteps('update', { ...stored, reviewState: 'awaitingReview' }, stored, attributes, false))).toEqual(['submitted']);
    const returned = writeSteps(
      'update',
      { ...stored, reviewState: 'returned', reviewNote: ' Thiếu nguồn ' },
      { ...stored, reviewState: 'awaitingReview' },
      attributes,
      false,
    );
    expect(returned).toEqual([{ action: 'returned', detail: 'Thiếu nguồn' }]);
    // Saving again in the same state, changing nothing, is no step at all.
    expect(
      writeSteps('update', { ...stored, reviewState: 'awaitingReview' }, { ...stored, reviewState: 'awaitingReview' }, attributes, false),
    ).toEqual([]);
  });

  it('works on a content type without the review fields', () => {
    const plain = { title: { type: 'string' } };
    expect(names(writeSteps('update', { title: 'Tin mới' }, { title: 'Tin' }, plain, false))).toEqual(['edited']);
  });

  it('names the edited fields, ignores Strapi’s own, and adds "scheduled" and "published" when the write does that too', () => {
    const steps = writeSteps(
      'update',
      { ...stored, title: 'Tin sửa', updatedAt: new Date().toISOString(), scheduledPublishAt: '2030-01-01T01:00:00.000Z' },
      stored,
      attributes,
      true,
    );
    expect(steps).toEqual([
      { action: 'edited', detail: 'title' },
      { action: 'scheduled', detail: 'Xuất bản lúc 01/01/2030 08:00 (giờ Việt Nam)' },
      { action: 'published', detail: null },
    ]);
    expect(
      names(writeSteps('update', { scheduledPublishAt: null }, { ...stored, scheduledPublishAt: '2030-01-01T01:00:00.000Z' }, attributes, false)),
    ).toEqual(['scheduled']);
    expect(names(writeSteps('create', { title: 'Tin' }, null, attributes, false))).toEqual(['created']);
  });

  it('records no edit for a write of nothing or of unchanged values and untouched relations (the dashboard’s Publish)', () => {
    expect(writeSteps('update', {}, stored, attributes, false)).toEqual([]);
    expect(writeSteps('update', { ...stored, author: { connect: [], disconnect: [] } }, stored, attributes, false)).toEqual([]);
    expect(writeSteps('update', { author: { connect: [{ documentId: 'abc' }] } }, stored, attributes, false)).toEqual([
      { action: 'edited', detail: 'author' },
    ]);
    expect(writeSteps('update', { seo: { metaTitle: 'x' } }, stored, { ...attributes, seo: { type: 'component' } }, false)).toEqual([
      { action: 'edited', detail: null },
    ]);
  });
});
