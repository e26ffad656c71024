import { useIntl } from 'react-intl';

/** The Content Manager's list view hook whose waterfall passes the columns about to be shown. */
export const LIST_COLUMNS_HOOK = 'Admin/CM/pages/ListView/inject-column-in-table';

type Header = { name: string; cellFormatter?: (row: Record<string, unknown>) => JSX.Element };
type Columns = { displayedHeaders: Header[]; layout: unknown };

/** A review state as the edit form names it ("Chờ duyệt"), where Strapi's list would print the code. */
function ReviewState({ value }: { value: unknown }) {
  const intl = useIntl();
  if (typeof value !== 'string' || value === '') return <span>-</span>;
  return <span>{intl.formatMessage({ id: value, defaultMessage: value })}</span>;
}

/** Gives the list's "Trạng thái duyệt" column the states' names (translations: writing, awaitingReview, returned). */
export function nameReviewStates({ displayedHeaders, layout }: Columns): Columns {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) =>
      header.name === 'reviewState' ? { ...header, cellFormatter: (row) => <ReviewState value={row.reviewState} /> } : header,
    ),
  };
}
