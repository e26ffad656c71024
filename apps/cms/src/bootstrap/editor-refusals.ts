import type { Core } from '@strapi/strapi';
import { checkReviewWrite } from '../documents/review-rules';
import type { AdminAbility } from '../lib/request';

const ARTICLE = 'api::article.article';
/** Content Manager actions that write an article from the request body. */
const WRITES = ['create', 'update', 'publish'];

type Ctx = { params: { model?: string; id?: string }; request: { body?: unknown }; state: { userAbility?: AdminAbility } };
type Action = (ctx: Ctx, ...rest: unknown[]) => unknown;
type Controller = Record<string, unknown>;
type ControllersRegistry = { extend(uid: string, extender: (controller: Controller) => Controller): void };

/**
 * A writer's edit of the review fields is refused with its reason (403/400) before Strapi's field
 * permissions would drop the editor's note silently; documents/review-rules.ts checks the same again on
 * every document-service path. Nothing is allowed here that Strapi refuses: the stock action runs next.
 */
export function checkReviewFieldsFirst(strapi: Core.Strapi): void {
  strapi.get<ControllersRegistry>('controllers').extend('plugin::content-manager.collection-types', (controller) => {
    const checked: Controller = { ...controller };
    for (const name of WRITES) {
      const action = controller[name];
      if (typeof action !== 'function') continue;
      checked[name] = async function (this: unknown, ctx: Ctx, ...rest: unknown[]) {
        const body = ctx.request.body;
        if (ctx.params.model === ARTICLE && typeof body === 'object' && body !== null && !Array.isArray(body)) {
          const ability = ctx.state.userAbility ?? { can: () => false };
          await checkReviewWrite(strapi, ability, name === 'create' ? undefined : ctx.params.id, body as Record<string, unknown>);
        }
        return (action as Action).call(this, ctx, ...rest);
      };
    }
    return checked;
  });
}
