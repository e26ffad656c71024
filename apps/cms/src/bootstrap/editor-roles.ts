import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';
const CATEGORY = 'api::category.category';
const SITE_SETTING = 'api::site-setting.site-setting';
const CM = 'plugin::content-manager.explorer';
const IS_CREATOR = ['admin::is-creator'];
/** Article fields only editors write: the editor's note, and the schedule when the content type has one. */
export const EDITOR_ONLY_FIELDS = ['reviewNote', 'scheduledPublishAt', 'scheduledUnpublishAt'];

/** A permission as Strapi's admin role service takes it. */
export type Permission = { action: string; subject?: string | null; properties?: { fields?: string[] }; conditions?: string[] };
/** A dashboard role managed in code: found by its code (Strapi's own Editor and Author roles, renamed). */
export type RoleSpec = { code: string; name: string; description: string; permissions: (fields: (uid: string) => string[]) => Permission[] };

type Role = { id: number; code: string; name: string; description?: string };
type RoleService = {
  findOne(params: Record<string, unknown>): Promise<Role | null>;
  create(attributes: { name: string; code: string; description: string }): Promise<Role>;
  update(params: { id: number }, attributes: { name?: string; description?: string }): Promise<Role>;
  assignPermissions(roleId: number, permissions: Permission[]): Promise<unknown>;
  getSuperAdmin(): Promise<Role | null>;
};
type ContentTypeService = { getNestedFields(model: unknown, options: { components: unknown }): string[] };

const content = (subject: string, actions: string[], fields?: string[], conditions: string[] = []): Permission[] =>
  actions.map((action) => ({
    action: `${CM}.${action}`,
    subject,
    properties: ['create', 'read', 'update'].includes(action) && fields ? { fields } : {},
    conditions,
  }));
const upload = (actions: string[], conditions: Record<string, string[]> = {}): Permission[] =>
  actions.map((action) => ({ action: `plugin::upload.${action}`, subject: null, properties: {}, conditions: conditions[action] ?? [] }));
const UPLOAD = ['read', 'configure-view', 'assets.create', 'assets.update', 'assets.download', 'assets.copy-link'];

/**
 * Phóng viên (writer): creates articles and edits their own (Strapi's is-creator condition), cannot publish,
 * unpublish or write the editor's note; deletes only their own never-published drafts (documents/review-rules.ts
 * refuses a published one). Reads every article (to pick "Tin khác"), author and category; uploads images
 * and edits only their own. No other content type: the Content Manager shows nothing else.
 */
export const WRITER: RoleSpec = {
  code: 'strapi-author',
  name: 'Phóng viên',
  description: 'Viết và sửa bài của mình, gửi bài "Chờ duyệt"; không xuất bản, không gỡ, không xoá bài đã xuất bản.',
  permissions: (fields) => {
    const writable = fields(ARTICLE).filter((field) => !EDITOR_ONLY_FIELDS.includes(field.split('.')[0]));
    return [
      ...content(ARTICLE, ['read'], fields(ARTICLE)),
      ...content(ARTICLE, ['create'], writable),
      ...content(ARTICLE, ['update', 'delete'], writable, IS_CREATOR),
      ...content(AUTHOR, ['read'], fields(AUTHOR)),
      ...content(CATEGORY, ['read'], fields(CATEGORY)),
      ...upload(UPLOAD, { 'assets.update': IS_CREATOR }),
    ];
  },
};

/**
 * Biên tập viên (editor): every article (edit, publish, unpublish, schedule, send back with a note), the
 * authors and categories; reads the site settings (administrators change them) and uses the media library.
 */
export const EDITOR: RoleSpec = {
  code: 'strapi-editor',
  name: 'Biên tập viên',
  description: 'Sửa mọi bài, duyệt bài "Chờ duyệt": xuất bản, hẹn giờ, gỡ xuống hoặc trả lại kèm ghi chú.',
  permissions: (fields) => [
    ...content(ARTICLE, ['create', 'read', 'update', 'delete', 'publish'], fields(ARTICLE)),
    ...content(AUTHOR, ['create', 'read', 'update', 'delete', 'publish'], fields(AUTHOR)),
    ...content(CATEGORY, ['create', 'read', 'update', 'delete', 'publish'], fields(CATEGORY)),
    ...content(SITE_SETTING, ['read'], fields(SITE_SETTING)),
    ...upload(UPLOAD),
  ],
};

export const EDITOR_ROLES = [WRITER, EDITOR] as const;

/**
 * Makes the writer and editor roles exactly what is written here at every start (as the Public role is in
 * public-permissions.ts): a permission added in the dashboard's role editor is taken back at the next
 * start, so what a role may do is read here. Strapi's own first-start roles (codes strapi-author and
 * strapi-editor) are renamed rather than left beside, and created when missing. The super admin keeps
 * every permission (Strapi resets it at each start) and is named "Quản trị viên". Any other role made in
 * the dashboard gets only what an administrator gave it, and the review rules treat it as a writer unless
 * it holds the publish permission on articles.
 */
export async function enforceEditorRoles(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.service('admin::role') as RoleService;
  const contentTypes = strapi.service('admin::content-type') as ContentTypeService;
  const fields = (uid: string) =>
    contentTypes.getNestedFields(strapi.contentTypes[uid as keyof typeof strapi.contentTypes], { components: strapi.components });
  for (const spec of EDITOR_ROLES) {
    let role = await roles.findOne({ code: spec.code });
    if (!role) role = await roles.create({ name: spec.name, code: spec.code, description: spec.description });
    else if (role.name !== spec.name || role.description !== spec.description) {
      await roles.update({ id: role.id }, { name: spec.name, description: spec.description });
    }
    await roles.assignPermissions(role.id, spec.permissions(fields));
  }
  const superAdmin = await roles.getSuperAdmin();
  if (superAdmin && superAdmin.name !== 'Quản trị viên') {
    await roles.update({ id: superAdmin.id }, { name: 'Quản trị viên', description: 'Toàn quyền: nội dung, tài khoản, vai trò và cài đặt.' });
  }
}
