import type { Core } from '@strapi/strapi';
import { writeSteps } from './changes';
import { AUDITED, recordAudit, type AuditAction, type AuditEntry } from './trail';

type Data = Record<string, unknown>;
type Params = { documentId?: string; data?: Data; status?: string };

const SIMPLE: Readonly<Record<string, AuditAction>> = {
  publish: 'published',
  unpublish: 'unpublished',
  discardDraft: 'discarded',
  delete: 'deleted',
};

/** The document's draft row as stored (its only row for a type without drafts), or null. */
async function storedRow(strapi: Core.Strapi, uid: string, documentId: string | undefined): Promise<Data | null> {
  if (!documentId) return null;
  const rows = (await strapi.db.query(uid).findMany({ where: { documentId }, orderBy: { id: 'asc' } })) as Data[];
  return rows.find((row) => row.publishedAt === null) ?? rows[0] ?? null;
}

/**
 * Records every create, update, publish, unpublish, draft discard and delete of the audited content types in
 * the audit trail, whatever the path (dashboard, REST, GraphQL, code), in the same transaction as the write:
 * a write whose record cannot be kept fails (the trail never misses a step).
 */
export function recordAuditTrail(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const audited = AUDITED[context.uid];
    const simple = SIMPLE[context.action];
    const write = context.action === 'create' || context.action === 'update' ? context.action : undefined;
    if (!audited || (!simple && !write)) return next();
    const params = context.params as Params;
    return strapi.db.transaction(async () => {
      const before = context.action === 'create' ? null : await storedRow(strapi, context.uid, params.documentId);
      const result = await next();
      const written = result as Data | null | undefined;
      const documentId = params.documentId ?? (typeof written?.documentId === 'string' ? written.documentId : undefined);
      // Nothing was there (a delete or publish of an unknown document): nothing happened to record.
      if (!documentId || (context.action !== 'create' && !before)) return result;
      const source = write ? (written ?? before) : before;
      const named = audited.label ? (source?.[audited.label] ?? before?.[audited.label]) : audited.name;
      const label = typeof named === 'string' && named !== '' ? named : null;
      const steps = !write
        ? [{ action: simple, detail: null }]
        : writeSteps(write, params.data ?? {}, before, strapi.contentType(context.uid).attributes, params.status === 'published');
      await recordAudit(
        strapi,
        steps.map((step): AuditEntry => ({ uid: context.uid, documentId, label, ...step })),
      );
      return result;
    });
  });
}
