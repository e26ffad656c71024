import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isContentApiRequest } from '../lib/request';

export const NO_ACCOUNTS = 'This portal has no reader accounts: sign-in, registration and user data are not part of its public API';
export const NO_MEDIA_LIBRARY = 'The media library is not listed through the public API: media come with the published content that uses them';

const USERS_PERMISSIONS_CONTROLLERS = ['auth', 'user', 'role', 'permissions', 'settings', 'content-manager-user'];
/** Content-API reads of the media library (the dashboard's own upload API is not affected). */
const MEDIA_LIBRARY_READS = ['find', 'findPage', 'findOne'];

type Controller = Record<string, unknown>;
/** The part of Strapi's controllers registry used here (the container types it as `any`). */
type ControllersRegistry = {
  get(uid: string): Controller | undefined;
  extend(uid: string, extender: (controller: Controller) => Controller): void;
};
/** The part of the GraphQL plugin's extension service used here. */
type GraphqlExtensions = { use(extension: { resolversConfig: Record<string, { policies: string[] }> }): void };

/** A copy of `controller` whose `actions` (all when omitted) refuse content-API requests with `message`. */
function refuseOnContentApi(strapi: Core.Strapi, controller: Controller, message: string, actions?: string[]): Controller {
  const guarded: Controller = { ...controller };
  for (const [name, action] of Object.entries(controller)) {
    if (typeof action !== 'function' || (actions && !actions.includes(name))) continue;
    guarded[name] = function (this: unknown, ...args: unknown[]) {
      if (isContentApiRequest(strapi)) throw new errors.PolicyError(message);
      return (action as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  return guarded;
}

/**
 * Closes what the portal does not offer through its public API, for every caller (anonymous, read-only
 * and full-access tokens alike), on REST and GraphQL at once:
 * - the reader-account surface of users-permissions: /api/auth/*, /api/users*, roles, permissions and the
 *   GraphQL login, register, forgotPassword, resetPassword, emailConfirmation, changePassword, me and user
 *   and role queries and mutations (GraphQL's resolvers call the same controllers or the document service);
 * - listing the media library (/api/upload/files, GraphQL uploadFiles), which would show the images of
 *   unpublished drafts. Uploading with a full-access token still works.
 * Every action of the users-permissions controllers is guarded, so one added by a later Strapi is closed too.
 */
export function closeUnofferedSurfaces(strapi: Core.Strapi): void {
  const controllers = strapi.get<ControllersRegistry>('controllers');
  for (const name of USERS_PERMISSIONS_CONTROLLERS) {
    const uid = `plugin::users-permissions.${name}`;
    if (controllers.get(uid)) controllers.extend(uid, (controller: Controller) => refuseOnContentApi(strapi, controller, NO_ACCOUNTS));
  }
  controllers.extend('plugin::upload.content-api', (controller: Controller) =>
    refuseOnContentApi(strapi, controller, NO_MEDIA_LIBRARY, MEDIA_LIBRARY_READS),
  );

  // GraphQL's `me` answers from the request's user without a controller: refused by policy, for everyone.
  const graphqlExtensions = strapi.plugin('graphql')?.service('extension') as GraphqlExtensions | undefined;
  graphqlExtensions?.use({ resolversConfig: { 'Query.me': { policies: ['global::no-accounts'] } } });

  strapi.documents.use(async (context, next) => {
    if (!isContentApiRequest(strapi)) return next();
    const uid: string = context.uid;
    if (uid.startsWith('plugin::users-permissions.')) throw new errors.PolicyError(NO_ACCOUNTS);
    if (uid === ('plugin::upload.file' satisfies UID.ContentType) && ['findMany', 'findFirst', 'findOne', 'count'].includes(context.action)) {
      throw new errors.PolicyError(NO_MEDIA_LIBRARY);
    }
    return next();
  });
}
