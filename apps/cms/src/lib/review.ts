/**
 * Review before publishing: the states a draft goes through and who may move it. Pure: the document
 * middleware (documents/review-rules.ts) and the dashboard's refusals (bootstrap/editor-refusals.ts) apply it.
 *
 * writing ──(writer or editor)──► awaitingReview ──(editor publishes)──► writing (next edit)
 *                                        └──(editor, with a note)──► returned ──(writer edits)──► awaitingReview
 */
export const REVIEW_STATES = ['writing', 'awaitingReview', 'returned'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The Article fields of the review: kept out of the public API (REST and GraphQL). */
export const REVIEW_FIELDS = ['reviewState', 'reviewNote', 'publishedDate'] as const;

/** The stored review of a draft (null for a document being created). */
export type StoredReview = { reviewState?: unknown; reviewNote?: unknown } | null;

/** Why a write is refused: 400 for a value that is not one, 403 for a move the caller may not make. */
export type ReviewProblem = { status: 400 | 403; message: string };

export const MESSAGES = {
  badState:
    'Trạng thái duyệt không hợp lệ: chỉ "writing", "awaitingReview" hoặc "returned". / reviewState must be exactly "writing", "awaitingReview" or "returned".',
  badNote: 'Ghi chú biên tập phải là văn bản. / reviewNote must be text.',
  onlyEditorsReturn: 'Chỉ biên tập viên được trả lại bài. / Only editors may send an article back (reviewState "returned").',
  onlyEditorsNote: 'Chỉ biên tập viên được viết ghi chú biên tập. / Only editors may write the editor’s note (reviewNote).',
  returnNeedsNote: 'Trả lại bài cần có ghi chú biên tập cho phóng viên. / Sending an article back needs a note for the writer (reviewNote).',
  notPublic: 'reviewState, reviewNote and publishedDate belong to the editors’ dashboard, not to the public API',
} as const;

/** Refusals of what only editors do (the publish permission on articles). */
export const REFUSALS = {
  publish: 'Chỉ biên tập viên được xuất bản bài: hãy chuyển bài sang "Chờ duyệt". / Only editors may publish an article: mark it ready for review.',
  unpublish: 'Chỉ biên tập viên được gỡ bài đã xuất bản. / Only editors may unpublish an article.',
  deletePublished: 'Bài đã xuất bản chỉ biên tập viên được xoá. / Only editors may delete a published article.',
} as const;

const isState = (value: unknown): value is ReviewState => typeof value === 'string' && (REVIEW_STATES as readonly string[]).includes(value);
const noteText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The problem with writing `data` over the draft's `stored` review, or null when the write may go on.
 * `canReview` is whether the caller holds the publish permission on articles (editors, administrators).
 * A value equal to the stored one is no change: the edit form sends every field back as it was.
 */
export function reviewWriteProblem(data: Record<string, unknown>, stored: StoredReview, canReview: boolean): ReviewProblem | null {
  const hasState = 'reviewState' in data && data.reviewState !== undefined;
  const hasNote = 'reviewNote' in data && data.reviewNote !== undefined;
  if (hasState && !isState(data.reviewState) && data.reviewState !== (stored?.reviewState ?? null)) {
    return { status: 400, message: MESSAGES.badState };
  }
  if (hasNote && data.reviewNote !== null && typeof data.reviewNote !== 'string') return { status: 400, message: MESSAGES.badNote };
  const state = hasState ? data.reviewState : stored?.reviewState;
  const note = hasNote ? data.reviewNote : stored?.reviewNote;
  if (!canReview) {
    if (hasState && data.reviewState === 'returned' && stored?.reviewState !== 'returned')
      return { status: 403, message: MESSAGES.onlyEditorsReturn };
    if (hasNote && noteText(data.reviewNote) !== noteText(stored?.reviewNote)) return { status: 403, message: MESSAGES.onlyEditorsNote };
    return null;
  }
  if (state === 'returned' && stored?.reviewState !== 'returned' && noteText(note) === '') return { status: 400, message: MESSAGES.returnNeedsNote };
  return null;
}
