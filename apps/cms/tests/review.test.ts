import { describe, expect, it } from 'vitest';
import { MESSAGES, reviewWriteProblem } from '../src/lib/review';

describe('who may move a draft through review', () => {
  it('lets a writer move between writing and awaitingReview, from any state, and keep an unchanged returned', () => {
    expect(reviewWriteProblem({ reviewState: 'awaitingReview' }, { reviewState: 'writing' }, false)).toBeNull();
    expect(reviewWriteProblem({ reviewState: 'writing' }, { reviewState: 'awaitingReview' }, false)).toBeNull();
    expect(reviewWriteProblem({ reviewState: 'awaitingReview' }, { reviewState: 'returned', reviewNote: 'Sửa sapo' }, false)).toBeNull();
    expect(
      reviewWriteProblem({ reviewState: 'returned', reviewNote: 'Sửa sapo' }, { reviewState: 'returned', reviewNote: 'Sửa sapo' }, false),
    ).toBeNull();
    expect(reviewWriteProblem({ reviewState: 'awaitingReview' }, null, false)).toBeNull();
  });

  it('refuses a writer sending back or writing the note (403), whatever the stored state', () => {
    expect(reviewWriteProblem({ reviewState: 'returned' }, { reviewState: 'awaitingReview' }, false)).toEqual({
      status: 403,
      message: MESSAGES.onlyEditorsReturn,
    });
    expect(reviewWriteProblem({ reviewState: 'returned', reviewNote: 'x' }, null, false)).toEqual({
      status: 403,
      message: MESSAGES.onlyEditorsReturn,
    });
    expect(reviewWriteProblem({ reviewNote: 'Tự duyệt' }, { reviewNote: null }, false)).toEqual({ status: 403, message: MESSAGES.onlyEditorsNote });
    expect(reviewWriteProblem({ reviewNote: '' }, { reviewNote: 'Sửa sapo' }, false)).toEqual({ status: 403, message: MESSAGES.onlyEditorsNote });
    // The edit form sends the note back as it was: no change, no refusal.
    expect(reviewWriteProblem({ reviewNote: 'Sửa sapo' }, { reviewNote: 'Sửa sapo' }, false)).toBeNull();
    expect(reviewWriteProblem({ reviewNote: '' }, { reviewNote: null }, false)).toBeNull();
  });

  it('refuses values that are not exactly a state (400), for writers and editors alike', () => {
    for (const value of ['Returned', 'RETURNED', ' writing', '', ['returned'], { $eq: 'returned' }, 1, true, null]) {
      for (const canReview of [false, true]) {
        expect(reviewWriteProblem({ reviewState: value }, { reviewState: 'writing' }, canReview)).toEqual({
          status: 400,
          message: MESSAGES.badState,
        });
      }
    }
    expect(reviewWriteProblem({ reviewNote: ['x'] }, null, true)).toEqual({ status: 400, message: MESSAGES.badNote });
    expect(reviewWriteProblem({ reviewNote: { text: 'x' } }, null, false)).toEqual({ status: 400, message: MESSAGES.badNote });
  });

  it('lets an editor send back with a note, and asks for the note when there is none', () => {
    expect(reviewWriteProblem({ reviewState: 'returned', reviewNote: 'Thiếu nguồn' }, { reviewState: 'awaitingReview' }, true)).toBeNull();
    expect(reviewWriteProblem({ reviewState: 'returned' }, { reviewState: 'awaitingReview', reviewNote: 'Ghi chú cũ' }, true)).toBeNull();
    expect(reviewWriteProblem({ reviewState: 'returned', reviewNote: '  ' }, { reviewState: 'awaitingReview' }, true)).toEqual({
      status: 400,
      message: MESSAGES.returnNeedsNote,
    });
    expect(reviewWriteProblem({ reviewNote: 'Đã sửa' }, { reviewState: 'awaitingReview' }, true)).toBeNull();
  });
});
