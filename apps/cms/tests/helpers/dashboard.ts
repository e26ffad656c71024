import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cms } from './cms';

/** Where the CMS answers: a booted one (bootCms) or a process (startCmsProcess). */
type CmsAddress = Pick<Cms, 'url'>;

export type AdminReply<T = Record<string, unknown>> = { status: number; body: T & { error?: { status: number; name: string; message: string } } };

/** One admin-API request as the dashboard sends it, with the user's JWT. */
export async function adminApi<T = Record<string, unknown>>(
  cms: CmsAddress,
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
export async function inviteEditor(cms: CmsAddress, adminJwt: string, email: string, roles: number[]): Promise<{ jwt: string; id: number }> {
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

export type Answer<T = unknown> = {
  status: number;
  body: { data?: T; error?: { status: number; name: string; message: string } } & Record<string, unknown>;
};

/**
 * The dashboard's own calls as an editor's browser makes them (the Content Manager's API and the audit trail's
 * admin route), with the JWT of adminLogin(). Answers are returned whatever their status.
 */
export function dashboard(url: string, jwt: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<Answer<T>> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Answer<T>['body']) : {} };
  };
  const type = (uid: string) => `/content-manager/collection-types/${uid}`;
  return {
    create: (uid: string, data: Record<string, unknown>) => call<{ documentId: string }>('POST', type(uid), data),
    update: (uid: string, documentId: string, data: Record<string, unknown>) =>
      call<{ documentId: string }>('PUT', `${type(uid)}/${documentId}`, data),
    publish: (uid: string, documentId: string) => call('POST', `${type(uid)}/${documentId}/actions/publish`, {}),
    unpublish: (uid: string, documentId: string) => call('POST', `${type(uid)}/${documentId}/actions/unpublish`, {}),
    remove: (uid: string, documentId: string) => call('DELETE', `${type(uid)}/${documentId}`),
    single: (uid: string, data: Record<string, unknown>) => call('PUT', `/content-manager/single-types/${uid}`, data),
    audit: (query: string) =>
      call<Array<{ action: string; actor: string; label: string | null; detail: string | null; uid: string }>>(
        'GET',
        `/portal-audit/entries?${query}`,
      ),
  };
}

export type Hook = { event: string; model?: string; entry?: { documentId?: string } };

/** A stand-in for the publisher: records the webhooks the CMS sends it. */
export async function webhookReceiver(): Promise<{ url: string; received: Hook[]; close: () => Promise<void> }> {
  const received: Hook[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as Hook);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export { adminLogin } from './http';
