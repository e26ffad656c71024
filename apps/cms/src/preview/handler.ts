import type { Core } from '@strapi/strapi';
import { previewPath, signPreviewToken, isDocumentId, type PreviewKind } from '../contract/preview-link';
import { adminAbility } from '../lib/request';
import type { PreviewSettings } from './settings';

/** Content types with a preview, and the kind of link each gets. */
const PREVIEWED: Record<string, PreviewKind> = { 'api::article.article': 'article' };

type PreviewParams = { documentId?: string; locale?: string | null; status?: string };

/**
 * Strapi's preview handler (config/admin.ts): the signed link of the publisher's preview for the document
 * the edit view shows, or null (no preview) for other content types. Strapi calls it for any signed-in
 * dashboard user without a permission check of its own, so the user must be allowed to read the content
 * type (fail closed: no ability, no link). The dashboard sends the document's state as `status` (`draft`,
 * `published` or `modified`); only `published` shows the published version, everything else the draft.
 * `strapi` is a getter: the configuration is read before the Strapi instance exists.
 */
export function previewHandler(strapi: () => Core.Strapi, settings: PreviewSettings, now: () => number = Date.now) {
  return (uid: string, { documentId, status }: PreviewParams): string | null => {
    const kind = PREVIEWED[uid];
    if (!kind || !isDocumentId(documentId)) return null;
    const ability = adminAbility(strapi());
    if (!ability?.can('plugin::content-manager.explorer.read', uid)) return null;
    const claim = {
      kind,
      documentId,
      status: status === 'published' ? ('published' as const) : ('draft' as const),
      expires: Math.floor(now() / 1000) + settings.ttlSeconds,
    };
    return `${settings.url}${previewPath(claim, signPreviewToken(settings.secret, claim))}`;
  };
}
