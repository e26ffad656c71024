import { useState } from 'react';
import { useIntl } from 'react-intl';
import { AuditTable } from './AuditTable';
import { TYPE_LABELS } from './labels';

/** "Lịch sử thao tác": the whole audit trail, by content type; deleted documents stay in it. */
export function AuditPage() {
  const intl = useIntl();
  const [contentType, setContentType] = useState('');
  return (
    <main style={{ padding: 40 }}>
      <h1 style={{ fontSize: 28, marginBottom: 16 }}>{intl.formatMessage({ id: 'portal.audit-trail', defaultMessage: 'Lịch sử thao tác' })}</h1>
      <label>
        {intl.formatMessage({ id: 'portal.audit.content-type', defaultMessage: 'Loại nội dung:' })}{' '}
        <select value={contentType} onChange={(event) => setContentType(event.target.value)}>
          <option value="">{intl.formatMessage({ id: 'portal.audit.all', defaultMessage: 'Tất cả' })}</option>
          {Object.entries(TYPE_LABELS).map(([uid, label]) => (
            <option key={uid} value={uid}>
              {intl.formatMessage({ id: `portal.audit.type.${uid}`, defaultMessage: label })}
            </option>
          ))}
        </select>
      </label>
      {/* A new choice starts again from the first page. */}
      <AuditTable key={contentType} contentType={contentType || undefined} />
    </main>
  );
}

/** The last steps of the document open in the edit view, in its side panel (rendered as a component). */
export function AuditPanel({ model, documentId }: { model: string; documentId?: string }) {
  const intl = useIntl();
  if (!(model in TYPE_LABELS)) return null;
  return {
    title: intl.formatMessage({ id: 'portal.audit-trail', defaultMessage: 'Lịch sử thao tác' }),
    content: documentId ? (
      <AuditTable contentType={model} documentId={documentId} pageSize={8} compact />
    ) : (
      <p>{intl.formatMessage({ id: 'portal.audit.unsaved', defaultMessage: 'Chưa lưu lần nào.' })}</p>
    ),
  };
}
