import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { refusalMessage } from '../lib/dashboard-refusals';

/**
 * The Content Manager's refusals with a reason. Strapi answers a dashboard user without the permission with
 * a wordless 403 ("Policy Failed" from its route policies, "Forbidden" from its controllers); this says what
 * was refused and why, in Vietnamese and English, with the same status (lib/dashboard-refusals.ts). It only
 * rewords: whatever Strapi refused stays refused, and refusals that already give a reason are kept.
 */
const dashboardRefusals: Core.MiddlewareFactory = () => async (ctx, next) => {
  if (!ctx.path.startsWith('/content-manager/')) {
    await next();
    return;
  }
  const handler = () => (ctx.state.route as { handler?: unknown } | undefined)?.handler;
  try {
    await next();
  } catch (error) {
    const message = error instanceof errors.ForbiddenError ? refusalMessage(handler(), error.message) : null;
    throw message ? new errors.PolicyError(message) : error;
  }
  const body = ctx.body as { error?: { name?: unknown; message?: unknown } } | undefined;
  if (ctx.status !== 403 || !body?.error) return;
  const message = refusalMessage(handler(), body.error.message);
  if (message) body.error = { ...body.error, name: 'PolicyError', message };
};

export default dashboardRefusals;
