import { useState } from 'react';
import { AuditTable } from './AuditTable';
import { TYPE_LABELS } from './labels';

/** "Lịch sử thao tác": the whole audit trail, by content type; deleted documents stay in it. */
export function AuditPage() {
  const [contentType, setContentType] = useState('');
  return (
    <main style={{ padding: 40 }}>
      <h1 style={{ fontSize: 28, marginBottom: 16 }}>Lịch sử thao tác</h1>
      <label>
        Loại nội dung:{' '}
        <select value={contentType} onChange={(event) => setContentType(event.target.value)}>
          <option value="">Tất cả</option>
          {Object.entries(TYPE_LABELS).map(([uid, label]) => (
            <option key={uid} value={uid}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <AuditTable contentType={contentType || undefined} />
    </main>
  );
}

/** The last steps of the document open in the edit view, in its side panel. */
export function AuditPanel({ model, documentId }: { model: string; documentId?: string }) {
  if (!(model in TYPE_LABELS)) return null;
  return {
    title: 'Lịch sử thao tác',
    content: documentId ? <AuditTable contentType={model} documentId={documentId} pageSize={8} compact /> : <p>Chưa lưu lần nào.</p>,
  };
}
