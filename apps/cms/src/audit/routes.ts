import type { Core } from '@strapi/strapi';
import { AUDITED, readAudit, type AuditQuery } from './trail';

type Ctx = { query: Record<string, unknown>; body: unknown; status: number };

const MAX_PAGE_SIZE = 100;

/** The query of GET /portal-audit/entries, checked; a message for the editor when it is not valid. */
export function auditQuery(query: Record<string, unknown>): AuditQuery | string {
  const text = (name: string) => (typeof query[name] === 'string' && query[name] !== '' ? query[name] : undefined);
  const uid = text('contentType');
  const documentId = text('documentId');
  if (uid !== undefined && !(uid in AUDITED)) return `contentType must be one of ${Object.keys(AUDITED).join(', ')}`;
  if (documentId !== undefined && !/^[a-z0-9]{1,64}$/.test(documentId)) return 'documentId must be a documentId (lower-case letters and digits)';
  const whole = (name: string, fallback: number, max: number) => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    return /^\d{1,6}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= max ? Number(raw) : Number.NaN;
  };
  const page = whole('page', 1, 1_000_000);
  const pageSize = whole('pageSize', 25, MAX_PAGE_SIZE);
  if (Number.isNaN(page)) return 'page must be a whole number from 1';
  if (Number.isNaN(pageSize)) return `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
  return { uid, documentId, page, pageSize };
}

/**
 * GET /portal-audit/entries on the admin API: the audit trail for the dashboard, to any signed-in editor and
 * to nobody else (no API token, no reader). Read-only: there is no route that writes it.
 */
export function registerAuditRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '/portal-audit',
    routes: [
      {
        method: 'GET',
        path: '/entries',
        handler: async (ctx: Ctx) => {
          const query = auditQuery(ctx.query);
          if (typeof query === 'string') {
            ctx.status = 400;
            ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message: query } };
            return;
          }
          const { rows, total } = await readAudit(strapi, query);
          ctx.body = { data: rows, meta: { pagination: { page: query.page, pageSize: query.pageSize, total } } };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as unknown as Parameters<Core.Strapi['server']['routes']>[0]);
}
