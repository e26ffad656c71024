import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { currentActor } from './actor';

/**
 * The audit trail: who created, edited, submitted for review, returned, scheduled, published, unpublished and
 * deleted each article, author, category and the site settings, and when. A table of the portal's own
 * (`portal_audit_trail`, made at start when missing), so it is in no content API (REST, GraphQL) and no
 * editor can write it; rows name the document by its documentId and keep its title, so they outlive it.
 */
export const AUDIT_TABLE = 'portal_audit_trail';

export const AUDITED: Readonly<Record<string, { label: string | null; name: string }>> = {
  'api::article.article': { label: 'title', name: 'Bài viết' },
  'api::author.author': { label: 'name', name: 'Tác giả' },
  'api::category.category': { label: 'name', name: 'Chuyên mục' },
  'api::site-setting.site-setting': { label: null, name: 'Cài đặt trang' },
};

export type AuditAction =
  | 'created'
  | 'edited'
  | 'submitted'
  | 'returned'
  | 'scheduled'
  | 'published'
  | 'unpublished'
  | 'discarded'
  | 'deleted'
  | 'publish-failed'
  | 'unpublish-failed';

export type AuditEntry = { uid: string; documentId: string; label: string | null; action: AuditAction; detail?: string | null };
export type AuditRow = AuditEntry & { id: number; at: string; actor: string };

type DbRow = {
  id: number;
  at: string;
  content_type: string;
  document_id: string;
  label: string | null;
  action: AuditAction;
  actor: string;
  detail: string | null;
};

const schemaOf = (strapi: Core.Strapi) => strapi.db.getSchemaName() || undefined;
const table = (strapi: Core.Strapi, knex: Knex | Knex.Transaction) => {
  const schema = schemaOf(strapi);
  return schema ? knex(AUDIT_TABLE).withSchema(schema) : knex(AUDIT_TABLE);
};

export async function ensureAuditTable(strapi: Core.Strapi): Promise<void> {
  const schema = schemaOf(strapi);
  const builder = () => (schema ? strapi.db.connection.schema.withSchema(schema) : strapi.db.connection.schema);
  if (await builder().hasTable(AUDIT_TABLE)) return;
  await builder().createTable(AUDIT_TABLE, (t) => {
    t.increments('id').primary();
    // ISO 8601 in UTC: the same text on SQLite and PostgreSQL, in time order.
    t.string('at', 24).notNullable();
    t.string('content_type', 80).notNullable();
    t.string('document_id', 64).notNullable();
    t.string('label', 255);
    t.string('action', 24).notNullable();
    t.string('actor', 255).notNullable();
    t.text('detail');
    t.index(['document_id'], `${AUDIT_TABLE}_document`);
    t.index(['content_type', 'id'], `${AUDIT_TABLE}_type`);
  });
}

/**
 * Writes entries in the transaction of the write they describe (Strapi's, joined when one is open): the
 * change and its record commit together or not at all.
 */
export async function recordAudit(strapi: Core.Strapi, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date().toISOString();
  const actor = currentActor(strapi).slice(0, 255);
  await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
    await table(strapi, trx).insert(
      entries.map((entry) => ({
        at,
        content_type: entry.uid,
        document_id: entry.documentId,
        label: entry.label?.slice(0, 255) ?? null,
        action: entry.action,
        actor,
        detail: entry.detail ?? null,
      })),
    );
  });
}

export type AuditQuery = { uid?: string; documentId?: string; page: number; pageSize: number };

/** Entries, newest first, of one document or one content type or all; with the total for paging. */
export async function readAudit(strapi: Core.Strapi, query: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
  const filtered = () => {
    const builder = table(strapi, strapi.db.connection);
    if (query.uid) void builder.where('content_type', query.uid);
    if (query.documentId) void builder.where('document_id', query.documentId);
    return builder;
  };
  const [{ total }] = await filtered().count<Array<{ total: number | string }>>({ total: '*' });
  const rows = (await filtered()
    .select('*')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)) as DbRow[];
  return {
    total: Number(total),
    rows: rows.map((row) => ({
      id: row.id,
      at: row.at,
      uid: row.content_type,
      documentId: row.document_id,
      label: row.label,
      action: row.action,
      actor: row.actor,
      detail: row.detail,
    })),
  };
}
