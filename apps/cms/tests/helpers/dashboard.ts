import type { Cms } from './cms';

export type AdminReply<T = Record<string, unknown>> = { status: number; body: T & { error?: { status: number; name: string; message: string } } };

/** One admin-API request as the dashboard sends it, with the user's JWT. */
export async function adminApi<T = Record<string, unknown>>(
  cms: Cms,
  jwt: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<AdminReply<T>> {
  const response = await fetch(`${cms.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${jwt}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as AdminReply<T>['body'] };
}

/**
 * A dashboard account made as an administrator makes one: invited with `roles` (POST /admin/users), then
 * registered with its invitation (POST /admin/register, which signs it in: no login, no login rate limit).
 */
export async function inviteEditor(cms: Cms, adminJwt: string, email: string, roles: number[]): Promise<{ jwt: string; id: number }> {
  const invited = await adminApi<{ data: { id: number; registrationToken: string } }>(cms, adminJwt, 'POST', '/admin/users', {
    email,
    firstname: email.split('@')[0],
    lastname: 'Thử',
    roles,
  });
  if (invited.status !== 201) throw new Error(`Inviting ${email}: HTTP ${invited.status} ${JSON.stringify(invited.body)}`);
  const response = await fetch(`${cms.url}/admin/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      registrationToken: invited.body.data.registrationToken,
      userInfo: { firstname: email.split('@')[0], lastname: 'Thử', password: 'MatKhau2026!' },
    }),
  });
  if (response.status !== 200) throw new Error(`Registering ${email}: HTTP ${response.status} ${await response.text()}`);
  return { jwt: ((await response.json()) as { data: { token: string } }).data.token, id: invited.body.data.id };
}
