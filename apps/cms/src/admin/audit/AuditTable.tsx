import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ACTION_LABELS, TYPE_LABELS, vietnamTime } from './labels';

type Entry = { id: number; at: string; uid: string; documentId: string; label: string | null; action: string; actor: string; detail: string | null };
type Answer = { data: Entry[]; meta: { pagination: { page: number; pageSize: number; total: number } } };

const cell = { padding: '6px 8px', borderBottom: '1px solid rgba(128,128,128,0.3)', textAlign: 'left' as const, verticalAlign: 'top' as const };

/** The audit trail, newest first, from the admin API (GET /portal-audit/entries); read-only. */
export function AuditTable({
  contentType,
  documentId,
  pageSize = 25,
  compact = false,
}: {
  contentType?: string;
  documentId?: string;
  pageSize?: number;
  compact?: boolean;
}) {
  const { get } = useFetchClient();
  const intl = useIntl();
  const text = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    intl.formatMessage({ id: `portal.audit.${id}`, defaultMessage }, values);
  const [page, setPage] = useState(1);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    if (contentType) params.set('contentType', contentType);
    if (documentId) params.set('documentId', documentId);
    get<Answer>(`/portal-audit/entries?${params.toString()}`)
      .then((response) => {
        setAnswer(response.data);
        setError(null);
      })
      .catch((failure: Error) => setError(failure.message));
  }, [get, page, pageSize, contentType, documentId]);

  if (error) return <p role="alert">{text('error', 'Không đọc được lịch sử: {error}', { error })}</p>;
  if (!answer) return <p>{text('loading', 'Đang tải…')}</p>;
  if (answer.data.length === 0) return <p>{text('empty', 'Chưa có thao tác nào.')}</p>;
  const pages = Math.max(1, Math.ceil(answer.meta.pagination.total / pageSize));
  return (
    <div>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: compact ? 12 : 14 }}>
        <thead>
          <tr>
            <th style={cell}>{text('column.at', 'Lúc (giờ Việt Nam)')}</th>
            {!compact && <th style={cell}>{text('column.document', 'Nội dung')}</th>}
            <th style={cell}>{text('column.action', 'Thao tác')}</th>
            <th style={cell}>{text('column.actor', 'Người thực hiện')}</th>
            {!compact && <th style={cell}>{text('column.detail', 'Chi tiết')}</th>}
          </tr>
        </thead>
        <tbody>
          {answer.data.map((entry) => (
            <tr key={entry.id}>
              <td style={cell}>{vietnamTime(entry.at)}</td>
              {!compact && (
                <td style={cell}>
                  {text(`type.${entry.uid}`, TYPE_LABELS[entry.uid] ?? entry.uid)}: {entry.label ?? entry.documentId}
                </td>
              )}
              <td style={cell} title={compact && entry.detail ? entry.detail : undefined}>
                {text(`action.${entry.action}`, ACTION_LABELS[entry.action] ?? entry.action)}
              </td>
              <td style={cell}>{entry.actor}</td>
              {!compact && <td style={cell}>{entry.detail ?? ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <p>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {text('newer', '‹ Mới hơn')}
          </button>{' '}
          {text('page', 'Trang {page}/{pages}', { page, pages })}{' '}
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {text('older', 'Cũ hơn ›')}
          </button>
        </p>
      )}
    </div>
  );
}
